#!/usr/bin/env node
// The `opsbot` command: runs the TypeScript entry point through tsx, no build step.
require('tsx/cjs');
require('../bot/cli/opsbot.cli.ts');
