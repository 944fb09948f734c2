// The TypeScript sources the build compiles, and the stamp that says which of them it saw.
'use strict';
const { readdirSync, statSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const sourceFolders = ['bot', 'dialogs', 'skills', 'core', 'adapters'];
const stampPathOf = (folder) => join(folder, 'dist', 'build-stamp.json');
const stampPath = stampPathOf(root);

/** Every .ts file of the product under `folder` with its modification time in ms. */
function listSources(folder = root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push({ path, mtimeMs: statSync(path).mtimeMs });
    }
  };
  for (const name of sourceFolders) walk(join(folder, name));
  return files;
}

/** Why the compiled build under `folder` cannot be used as it is, or undefined when it matches the sources. */
function staleReason(folder = root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPathOf(folder), 'utf8'));
  } catch {
    return 'no compiled build';
  }
  if (typeof stamp.files !== 'number' || typeof stamp.newestMtimeMs !== 'number')
    return 'the build stamp is unreadable';
  const sources = listSources(folder);
  if (sources.length !== stamp.files) return 'source files were added or removed since the build';
  const newer = sources.find((s) => s.mtimeMs > stamp.newestMtimeMs);
  return newer ? `${newer.path.slice(folder.length + 1)} changed since the build` : undefined;
}

/** The stamp `npm run build` writes after compiling the sources under `folder`. */
function stampFor(sources) {
  return { files: sources.length, newestMtimeMs: Math.max(...sources.map((s) => s.mtimeMs)) };
}

module.exports = { root, listSources, staleReason, stampPath, stampFor };
