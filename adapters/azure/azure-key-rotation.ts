import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { KeyRotationOperator, OperationResult } from '../../core/ports';
import { restError } from './arm-requests';
import { accountContext, vaultContext } from './azure-call-contexts';
import { mapAzureError } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';

const openAiDataApiVersion = '2024-10-21';

/**
 * The key-rotation seam in Azure: Cognitive Services key regeneration, Key Vault secret versions,
 * and one authenticated call to the account's data plane with the stored key. No key value reaches
 * a log, a message or a result.
 */
export class AzureKeyRotation implements KeyRotationOperator {
  constructor(private readonly session: AzureSession) {}

  async regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult> {
    if (keyName !== 'key1' && keyName !== 'key2') {
      throw new UserFacingError(ErrorCodes.invalidArguments, 'The key to regenerate is key1 or key2.');
    }
    const { session } = this;
    const ctx = accountContext(
      session.config,
      account,
      `regenerate ${keyName} of ${account}`,
      perm.accountRegenerateKey,
    );
    let value: string | undefined;
    let operationId = '';
    try {
      const keys = await session.cognitive.accounts.regenerateKey(
        session.lz.resourceGroup,
        account,
        keyName === 'key1' ? 'Key1' : 'Key2',
        {
          onResponse: (raw) => {
            operationId = raw.headers.get('x-ms-request-id') ?? '';
          },
        },
      );
      value = keys[keyName];
    } catch (error) {
      throw mapAzureError(error, ctx, false);
    }
    if (!value) {
      throw new UserFacingError(
        ErrorCodes.azureFailed,
        `Azure regenerated ${keyName} of ${account} but did not return it; run the rotation again.`,
      );
    }
    session.logger.info({ account, keyName, operationId }, 'account key regenerated');
    await useKey(value);
    return {
      operationId: operationId || `regenerate-${account}-${keyName}`,
      status: 'succeeded',
      summary: `${keyName} of ${account} was regenerated and handed to the next step; the bot did not keep it.`,
    };
  }

  async setSecret(vault: string, name: string, value: string): Promise<OperationResult> {
    const { session } = this;
    const ctx = vaultContext(
      session.config,
      vault,
      name,
      `store a new version of ${name} in ${vault}`,
      perm.secretSet,
    );
    try {
      const secret = await session.secretClient(vault).setSecret(name, value);
      const version = secret.properties.version ?? '';
      session.logger.info({ vault, secret: name, version }, 'secret version stored');
      return {
        operationId: version,
        status: 'succeeded',
        summary: `A new version of ${name} is stored in ${vault} (version ${version}).`,
      };
    } catch (error) {
      throw mapAzureError(error, ctx, false);
    }
  }

  async verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult> {
    const { session } = this;
    const accountCtx = accountContext(
      session.config,
      account,
      `read the endpoint of ${account}`,
      perm.accountRead,
    );
    let endpoint: string | undefined;
    try {
      endpoint = (await session.cognitive.accounts.get(session.lz.resourceGroup, account)).properties
        ?.endpoint;
    } catch (error) {
      throw mapAzureError(error, accountCtx);
    }
    if (!endpoint)
      throw new UserFacingError(
        ErrorCodes.azureFailed,
        `Azure did not say which endpoint ${account} answers on.`,
      );
    let key: string | undefined;
    try {
      key = (await session.secretClient(vault).getSecret(secretName)).value;
    } catch (error) {
      throw mapAzureError(
        error,
        vaultContext(
          session.config,
          vault,
          secretName,
          `read ${secretName} from ${vault} to verify it`,
          perm.secretGet,
        ),
        false,
      );
    }
    const url = `${endpoint.replace(/\/?$/, '/')}openai/models?api-version=${openAiDataApiVersion}`;
    const request = createPipelineRequest({
      url,
      method: 'GET',
      headers: createHttpHeaders({ 'api-key': key ?? '' }),
    });
    let response: PipelineResponse;
    try {
      response = await session.plain.sendRequest(request);
    } catch (error) {
      throw mapAzureError(error, { ...accountCtx, doing: `call ${account} with the stored key` }, false);
    }
    const operationId =
      response.headers.get('apim-request-id') ?? response.headers.get('x-request-id') ?? `verify-${account}`;
    if (response.status === 200) {
      return {
        operationId,
        status: 'succeeded',
        summary: `${account} accepts the key stored in ${vault}/${secretName}.`,
      };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        operationId,
        status: 'failed',
        summary: `${account} rejects the key stored in ${vault}/${secretName}.`,
      };
    }
    throw mapAzureError(
      restError(response),
      { ...accountCtx, doing: `call ${account} with the stored key` },
      false,
    );
  }
}
