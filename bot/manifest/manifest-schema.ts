import Ajv from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import { manifestSchemaVersion } from './teams-manifest';

/** The JSON schema file of the manifest version opsbot builds, as shipped by `@microsoft/app-manifest`. */
export const manifestSchemaPath = require.resolve(
  `@microsoft/app-manifest/build/json-schemas/teams/v${manifestSchemaVersion}/MicrosoftTeams.schema.json`,
);

let compiled:
  | (((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null })
  | undefined;

function isUri(text: string): boolean {
  try {
    return Boolean(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Checks a manifest against the Teams JSON schema; returns one line per problem, none when it is valid. */
export function validateTeamsManifest(manifest: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', isUri);
    compiled = ajv.compile(JSON.parse(readFileSync(manifestSchemaPath, 'utf8')));
  }
  if (compiled(manifest)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '(top level)'}: ${e.message ?? 'invalid'}`);
}
