import { randomBytes } from 'node:crypto';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import type { KeyRotationOperator, OperationResult } from '../../core/ports';
import type { SimulatorState } from './simulator-state';

interface AccountKeys {
  key1: string;
  key2: string;
  generation: { key1: number; key2: number };
}

/**
 * The key-rotation seam of the simulator: two keys per Azure OpenAI account and the versions of each
 * Key Vault secret, the first version holding the account's key1. Key values are kept in ES private
 * fields, so neither `JSON.stringify` nor `inspect` of the landing zone shows one.
 */
export class SimulatedKeyRotation implements KeyRotationOperator {
  readonly #accountKeys = new Map<string, AccountKeys>();
  /** Secret versions by `vault/name` (lower case), newest last. */
  readonly #secrets = new Map<
    string,
    { vault: string; name: string; versions: { id: string; value: string }[] }
  >();

  constructor(private readonly state: SimulatorState) {
    for (const account of this.accountNames()) {
      this.#accountKeys.set(account, { key1: newKey(), key2: newKey(), generation: { key1: 1, key2: 1 } });
    }
    for (const secret of state.config.secrets) {
      const value = this.#accountKeys.get(secret.account)?.key1 ?? newKey();
      this.#secrets.set(secretKey(secret.vault, secret.name), {
        vault: secret.vault,
        name: secret.name,
        versions: [{ id: newVersionId(), value }],
      });
    }
  }

  async regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult> {
    const canonical = this.accountName(account);
    if (keyName !== 'key1' && keyName !== 'key2') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `A key name is key1 or key2 (got "${String(keyName)}").`,
      );
    }
    const keys = this.#accountKeys.get(canonical)!;
    const before = keys.generation[keyName];
    keys[keyName] = newKey();
    keys.generation[keyName] = before + 1;
    await useKey(keys[keyName]);
    return this.state.done(`${keyName} of ${canonical} regenerated: generation ${before} → ${before + 1}`);
  }

  async setSecret(vault: string, name: string, value: string): Promise<OperationResult> {
    const vaultName = this.vaultName(vault);
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `"${name}" is not a valid secret name: use 1–127 letters, digits and dashes.`,
      );
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `The value for secret ${name} is empty; nothing was stored.`,
      );
    }
    const key = secretKey(vaultName, name);
    const secret = this.#secrets.get(key) ?? { vault: vaultName, name, versions: [] };
    const version = newVersionId();
    secret.versions.push({ id: version, value });
    this.#secrets.set(key, secret);
    return this.state.done(`${secret.name} in ${vaultName}: new version ${version}`);
  }

  async verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult> {
    const { state } = this;
    const canonical = this.accountName(account);
    const vaultName = this.vaultName(vault);
    const secret = this.#secrets.get(secretKey(vaultName, secretName));
    if (!secret) {
      throw new NotFoundError(
        'secret',
        secretName,
        [...this.#secrets.values()].filter((s) => s.vault === vaultName).map((s) => s.name),
      );
    }
    if (this.isOpenAiAccount(canonical) && state.scenarios.affects('aoai-unreachable', state.now())) {
      throw new UserFacingError(
        ErrorCodes.azureUnavailable,
        `${canonical} cannot be reached: its private endpoint does not resolve in DNS, so the key could not be checked.`,
      );
    }
    const keys = this.#accountKeys.get(canonical)!;
    const stored = secret.versions[secret.versions.length - 1].value;
    const matching = stored === keys.key1 ? 'key1' : stored === keys.key2 ? 'key2' : undefined;
    const where = `${vaultName}/${secret.name}`;
    if (!matching) {
      return state.done(
        `${canonical} rejects the key in ${where} (HTTP 401): it matches neither key1 nor key2`,
        'failed',
      );
    }
    return state.done(`${canonical} accepts the key in ${where} (it is the current ${matching})`);
  }

  private accountNames(): string[] {
    const { config } = this.state;
    const names = [
      ...config.components.filter((c) => c.kind === 'openai').map((c) => c.name),
      ...config.secrets.map((s) => s.account),
    ];
    return [...new Set(names)];
  }

  private isOpenAiAccount(name: string): boolean {
    return this.state.config.components.some((c) => c.kind === 'openai' && c.name === name);
  }

  private accountName(name: string): string {
    const found = this.accountNames().find((a) => a.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new NotFoundError('Azure OpenAI account', name, this.accountNames());
    return found;
  }

  private vaultName(name: string): string {
    const { config } = this.state;
    const vaults = [
      ...new Set([
        ...config.components.filter((c) => c.kind === 'key-vault').map((c) => c.name),
        ...config.secrets.map((s) => s.vault),
      ]),
    ];
    const found = vaults.find((v) => v.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new NotFoundError('key vault', name, vaults);
    return found;
  }
}

function secretKey(vault: string, name: string): string {
  return `${vault}/${name}`.toLowerCase();
}

/** An account key as Azure OpenAI shows one: 32 hex digits. */
function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** A Key Vault secret version id: 32 hex digits. */
function newVersionId(): string {
  return randomBytes(16).toString('hex');
}
