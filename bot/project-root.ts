import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder that holds opsbot's `package.json`, found by walking up from this file, so that the
 * same code finds `config/`, `knowledge/` and `test/` whether it runs from TypeScript (`bot/`) or
 * from the compiled build (`dist/bot/`).
 */
export function findProjectRoot(from: string = __dirname): string {
  let folder = from;
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'opsbot'
    )
      return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No opsbot package.json above ${from}.`);
    folder = parent;
  }
}

/** opsbot's project root (see `findProjectRoot`). */
export const projectRoot = findProjectRoot();
