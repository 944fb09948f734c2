import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The launcher's staleness check is plain JavaScript in bin/ (it runs before TypeScript can).
const { listSources, staleReason, stampFor } = require('../../../bin/source-tree.js') as {
  listSources(folder: string): { path: string; mtimeMs: number }[];
  staleReason(folder: string): string | undefined;
  stampFor(sources: { mtimeMs: number }[]): { files: number; newestMtimeMs: number };
};

let folder: string;
const source = (name: string) => join(folder, 'core', name);
const writeStamp = () => {
  mkdirSync(join(folder, 'dist'), { recursive: true });
  writeFileSync(join(folder, 'dist', 'build-stamp.json'), JSON.stringify(stampFor(listSources(folder))));
};
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'opsbot-build-'));
  for (const name of ['bot', 'dialogs', 'skills', 'core', 'adapters']) mkdirSync(join(folder, name));
  writeFileSync(source('a.ts'), 'export const a = 1;\n');
  writeFileSync(source('b.ts'), 'export const b = 2;\n');
  at(source('a.ts'), 1_000);
  at(source('b.ts'), 2_000);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('whether `opsbot` may run the compiled build', () => {
  it('uses the build when no source changed after it', () => {
    writeStamp();
    expect(staleReason(folder)).toBeUndefined();
  });

  it('falls back to the sources without a build, or with a stamp it cannot read', () => {
    expect(staleReason(folder)).toBe('no compiled build');
    mkdirSync(join(folder, 'dist'));
    writeFileSync(join(folder, 'dist', 'build-stamp.json'), '{"files": "many"}');
    expect(staleReason(folder)).toBe('the build stamp is unreadable');
  });

  it('falls back when a source was edited after the build', () => {
    writeStamp();
    at(source('a.ts'), 3_000);
    expect(staleReason(folder)).toBe(join('core', 'a.ts') + ' changed since the build');
  });

  it('falls back when a source was deleted or added after the build', () => {
    writeStamp();
    rmSync(source('b.ts'));
    expect(staleReason(folder)).toBe('source files were added or removed since the build');
    writeFileSync(source('b.ts'), 'export const b = 2;\n');
    writeFileSync(source('c.ts'), 'export const c = 3;\n');
    at(source('b.ts'), 2_000);
    at(source('c.ts'), 500);
    expect(staleReason(folder)).toBe('source files were added or removed since the build');
  });
});
