#!/usr/bin/env node
// `npm run build` (also run by `npm install` / `npm ci` through `prepare`): compiles the product to
// dist/ so that `npm start` loads JavaScript, and stamps which sources it compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { root, listSources, stampPath, stampFor } = require('./source-tree');

const sources = listSources();
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
mkdirSync(dirname(stampPath), { recursive: true });
writeFileSync(stampPath, JSON.stringify(stampFor(sources)));
