#!/usr/bin/env node
// The `opsbot` command. Runs the compiled build (dist/, made by `npm run build`, which `npm install`
// and `npm ci` run) when it matches the sources; otherwise the TypeScript through tsx, as in
// development, so an edited file is never shadowed by a stale build.
'use strict';
const { join } = require('node:path');
const { root, staleReason } = require('./source-tree');

const stale = process.env.OPSBOT_FROM_SOURCE === '1' ? 'OPSBOT_FROM_SOURCE=1' : staleReason();
if (stale) {
  if (process.stderr.isTTY && process.env.OPSBOT_FROM_SOURCE !== '1' && stale !== 'no compiled build') {
    process.stderr.write(
      `opsbot: running from TypeScript (${stale}); \`npm run build\` makes start-up faster.\n`,
    );
  }
  require('tsx/cjs');
  require(join(root, 'bot', 'cli', 'opsbot.cli.ts'));
} else {
  require(join(root, 'dist', 'bot', 'cli', 'opsbot.cli.js'));
}
