import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allSkills } from '../../skills/catalog';
import { drawAppIcons } from '../manifest/app-icons';
import { buildAppPackage } from '../manifest/app-package';
import { validateTeamsManifest } from '../manifest/manifest-schema';
import {
  buildCommandLists,
  buildTeamsManifest,
  placeholderAppId,
  type TeamsManifest,
} from '../manifest/teams-manifest';
import type { Subcommand } from './opsbot.cli';
import { projectRoot } from '../project-root';

/** Where the package is read from and written to; tests point it at a temporary copy. */
export interface ManifestBuildOptions {
  /** Directory holding `manifest.json` and the icons; `manifest/` of the project by default. */
  manifestDir?: string;
  env: Record<string, string | undefined>;
  /** Redraw the icons and refresh the template's command menu from the catalog before building. */
  regenerate?: boolean;
  write: (line: string) => void;
}

/** What a build produced. */
export interface ManifestBuildResult {
  manifest: TeamsManifest;
  manifestPath: string;
  zipPath: string;
  warnings: string[];
}

function readTemplate(path: string): TeamsManifest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TeamsManifest;
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Builds the Teams app package: fills the template's ids from the environment (`MICROSOFT_APP_ID`,
 * `TEAMS_APP_ID`, `BOT_DOMAIN`), generates the command menu from the catalog, validates the result
 * against the manifest JSON schema and zips it with the icons into `<manifestDir>/build/opsbot.zip`.
 */
export async function buildManifestPackage(options: ManifestBuildOptions): Promise<ManifestBuildResult> {
  const dir = options.manifestDir ?? join(projectRoot, 'manifest');
  const templatePath = join(dir, 'manifest.json');
  const template = readTemplate(templatePath);
  const icons = template.icons as { color: string; outline: string };

  if (options.regenerate) {
    const drawn = drawAppIcons();
    writeFileSync(join(dir, icons.color), drawn.color);
    writeFileSync(join(dir, icons.outline), drawn.outline);
    template.bots[0].commandLists = buildCommandLists(allSkills);
    writeFileSync(templatePath, `${JSON.stringify(template, null, 2)}\n`);
    options.write(`refreshed ${relative(process.cwd(), templatePath)} and its icons`);
  }

  const warnings: string[] = [];
  const botId = options.env.MICROSOFT_APP_ID?.trim();
  if (!botId) {
    warnings.push(
      `MICROSOFT_APP_ID is not set: the package uses the placeholder id ${placeholderAppId}. ` +
        'It can be inspected and validated, but Teams will only reach the bot once it is built with the real app id.',
    );
  }
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  const manifest = buildTeamsManifest(template, allSkills, {
    botId: botId || placeholderAppId,
    appId: options.env.TEAMS_APP_ID?.trim() || botId || placeholderAppId,
    version,
    domains: (options.env.BOT_DOMAIN ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  });

  const problems = validateTeamsManifest(manifest);
  if (problems.length) {
    throw new Error(
      `the generated manifest does not pass the Teams schema ${manifest.manifestVersion}:\n  ${problems.join('\n  ')}`,
    );
  }

  const buildDir = join(dir, 'build');
  mkdirSync(buildDir, { recursive: true });
  const manifestPath = join(buildDir, 'manifest.json');
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const zip = await buildAppPackage({
    manifest,
    icons: {
      [icons.color]: readFileSync(join(dir, icons.color)),
      [icons.outline]: readFileSync(join(dir, icons.outline)),
    },
  });
  const zipPath = join(buildDir, 'opsbot.zip');
  writeFileSync(zipPath, zip);
  return { manifest, manifestPath, zipPath, warnings };
}

const usage = `Usage: opsbot manifest [--regenerate]

Builds manifest/build/opsbot.zip (the Teams app package) from manifest/manifest.json.
  MICROSOFT_APP_ID   the bot's app id (a placeholder GUID is used when unset, with a warning)
  TEAMS_APP_ID       the Teams app id (defaults to MICROSOFT_APP_ID)
  BOT_DOMAIN         host name(s) for validDomains, comma-separated
  --regenerate       redraw the icons and refresh the template's command menu from the skill catalog
`;

/** `opsbot manifest`: builds and validates the Teams app package. */
export const manifest: Subcommand = async (argv) => {
  const unknown = argv.filter((a) => a !== '--regenerate');
  if (unknown.length) {
    process.stderr.write(
      unknown.includes('--help') || unknown.includes('-h')
        ? usage
        : `opsbot manifest: unknown argument "${unknown[0]}".\n\n${usage}`,
    );
    return unknown.includes('--help') || unknown.includes('-h') ? 0 : 2;
  }
  try {
    const result = await buildManifestPackage({
      env: process.env,
      regenerate: argv.includes('--regenerate'),
      write: (line) => process.stdout.write(`${line}\n`),
    });
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    const commands = result.manifest.bots[0].commandLists?.reduce((n, l) => n + l.commands.length, 0) ?? 0;
    process.stdout.write(
      `${relative(process.cwd(), result.zipPath)}: manifest ${result.manifest.manifestVersion} (schema-valid), ` +
        `app id ${result.manifest.id}, ${commands} menu commands, icons ${Object.values(result.manifest.icons as object).join(' + ')}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`opsbot manifest: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
};
