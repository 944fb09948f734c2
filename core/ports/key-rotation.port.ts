import type { OperationResult } from './change-operation';

/**
 * The key-rotation seam: the steps of `secret.rotate` (regenerate the standby key of an Azure
 * OpenAI account, store it as a new version of its Key Vault secret, check the account accepts the
 * stored key). It has no read half: no status question reads keys, and no value ever comes back.
 */
export interface KeyRotationOperator {
  /**
   * Regenerates one key of a Cognitive Services (Azure OpenAI) account. The new value is handed
   * to `useKey` and never returned, logged or stored by the caller.
   */
  regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult>;
  /** Writes a secret value to Key Vault; returns the new version id, never the value. */
  setSecret(vault: string, name: string, value: string): Promise<OperationResult>;
  /** Checks that the account accepts the key stored in the vault secret (a cheap authenticated call). */
  verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult>;
}
