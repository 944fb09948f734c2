import { createInterface } from 'node:readline';
import { isAbsolute, join, resolve } from 'node:path';
import { createOfflineRouter } from '../../core/routing/offline-router';
import { routeText, toRouteRecord } from '../../core/routing/route-record';
import { allSkills } from '../../skills/catalog';
import { defaultConfigPath, readLandingZoneConfig } from '../config';
import type { Subcommand } from './opsbot.cli';

const usage = 'Usage: opsbot route "<text>" | opsbot route --stdin   (one JSON object per line on stdout)\n';

/**
 * `opsbot route`: prints the skill and arguments the offline router gives a message, as one JSON
 * line per message. Loads only the config, the skill declarations and the router (no bot framework).
 */
export const route: Subcommand = async (argv) => {
  const fromStdin = argv.includes('--stdin');
  const words = argv.filter((a) => a !== '--stdin');
  if (fromStdin === words.length > 0) {
    process.stderr.write(usage);
    return 2;
  }
  const shownPath = process.env.OPSBOT_CONFIG?.trim() || defaultConfigPath;
  const absolutePath = isAbsolute(shownPath)
    ? shownPath
    : process.env.OPSBOT_CONFIG?.trim()
      ? resolve(shownPath)
      : join(__dirname, '..', '..', shownPath);
  const config = readLandingZoneConfig(shownPath, absolutePath);
  const router = await createOfflineRouter({ config, skills: allSkills });
  const line = async (text: string) =>
    JSON.stringify(toRouteRecord(text, await routeText(text, config, router)));

  if (!fromStdin) {
    process.stdout.write(`${await line(words.join(' '))}\n`);
    return 0;
  }
  const startedAt = process.hrtime.bigint();
  let count = 0;
  let buffer = '';
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    buffer += `${await line(text)}\n`;
    count += 1;
    if (buffer.length > 64_000) {
      process.stdout.write(buffer);
      buffer = '';
    }
  }
  process.stdout.write(buffer);
  if (process.env.OPSBOT_ROUTE_TIMING) {
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    process.stderr.write(
      `routed ${count} messages in ${ms.toFixed(0)} ms after start-up (${(process.uptime() * 1000).toFixed(0)} ms since process start)\n`,
    );
  }
  return 0;
};
