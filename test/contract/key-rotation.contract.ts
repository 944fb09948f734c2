import type { KeyRotationOperator, OperationResult } from '../../core/ports';
import { type CreateContractSubject, rejection, seamContract } from './contract-subject';

/** The assertions every implementation of the key-rotation seam: regenerate, store, verify, and no key value in any result. */
export function keyRotationContract(label: string, create: CreateContractSubject): void {
  seamContract(
    `Key rotation contract: ${label}`,
    create,
    (lz): KeyRotationOperator => lz,
    (t) => {
      it('rotates a key: regenerate, store, verify; a wrong stored key fails verification', async () => {
        const secret = t.config.secrets[0];
        let seen = '';
        const results: OperationResult[] = [];
        results.push(
          await t.lz.regenerateAccountKey(secret.account, 'key2', async (value) => {
            seen = value;
            results.push(await t.lz.setSecret(secret.vault, secret.name, value));
          }),
        );
        expect(seen.length).toBeGreaterThan(8);
        const verified = await t.lz.verifyAccountKey(secret.account, secret.vault, secret.name);
        expect(verified.status).toBe('succeeded');
        results.push(verified);
        for (const r of results) {
          expect(r.status).toBe('succeeded');
          expect(JSON.stringify(r)).not.toContain(seen);
        }
        await t.lz.setSecret(secret.vault, secret.name, 'not-the-account-key');
        const rejected = await t.lz.verifyAccountKey(secret.account, secret.vault, secret.name);
        expect(rejected.status).toBe('failed');
        expect(rejected.summary).not.toContain('not-the-account-key');
      });

      it('answers an unknown account with OPS-401 and never calls useKey', async () => {
        let called = false;
        const error = await rejection(
          t.lz.regenerateAccountKey('aoai-nowhere', 'key1', async () => {
            called = true;
          }),
        );
        expect(error.code).toBe('OPS-401');
        expect(called).toBe(false);
      });
    },
  );
}
