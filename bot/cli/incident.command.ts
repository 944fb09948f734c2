import { openDatabase } from '../../adapters/storage/database';
import { SqlChangeStore } from '../../adapters/storage/sql-change-store';
import { SqlIncidentStore } from '../../adapters/storage/sql-incident-store';
import { systemClock } from '../../core/clock';
import { ConfigError } from '../../core/errors';
import { silentLogger } from '../../core/logger';
import { changesDuring, incidentMarkdown } from '../../skills/incident/incident-export';
import { loadBotConfig } from '../config';
import type { Subcommand } from './opsbot.cli';

const usage = `Usage: opsbot incident export INC-0007 [--json]

Prints one incident for the post-incident review, from the bot's database (DATABASE_URL, or the
SQLite file data/opsbot.db): its facts, the whole timeline and the changes made through opsbot while
it was open, with their CHG- ids. Markdown by default; --json prints the same as one JSON object.
`;

/** How many recent change requests are searched for the ones raised during the incident. */
const changeLookback = 1000;

/** `opsbot incident export <id>`: the post-incident record as markdown (or JSON) on standard output. */
export const incident: Subcommand = async (argv) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  const json = argv.includes('--json');
  const words = argv.filter((a) => a !== '--json');
  const unknown = words.find((a) => a.startsWith('-'));
  if (words[0] !== 'export' || words.length !== 2 || unknown) {
    process.stderr.write(unknown ? `Unknown option ${unknown}.\n\n${usage}` : usage);
    return 2;
  }
  const id = words[1].toUpperCase();
  if (!/^INC-\d{4,}$/.test(id)) {
    process.stderr.write(`"${words[1]}" is not an incident id; they look like INC-0007.\n`);
    return 2;
  }
  let config;
  try {
    config = loadBotConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const database = await openDatabase(config.databaseUrl, { logger: silentLogger });
  try {
    const incidents = new SqlIncidentStore(database);
    const found = await incidents.get(id);
    if (!found) {
      process.stderr.write(`There is no incident ${id} in this database.\n`);
      return 1;
    }
    const now = systemClock.now();
    const record = {
      incident: found,
      timeline: await incidents.timeline(found.id),
      changes: changesDuring(found, await new SqlChangeStore(database).list({ limit: changeLookback }), now),
    };
    process.stdout.write(
      json ? `${JSON.stringify(record, null, 2)}\n` : incidentMarkdown(record, config.landingZone, now),
    );
    return 0;
  } finally {
    await database.close();
  }
};
