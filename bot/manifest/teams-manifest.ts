import { printUsage } from '../../core/contract/usage';
import type { SkillDeclaration, SkillId } from '../../skills/skill';

/** The manifest schema version the package is built for; the newest numbered schema `@microsoft/app-manifest` ships. */
export const manifestSchemaVersion = '1.30';

/** The `$schema` URL that matches `manifestSchemaVersion`. */
export const manifestSchemaUrl = `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestSchemaVersion}/MicrosoftTeams.schema.json`;

/** Stands in for the Teams app id and the bot id in local mode, where there is no Entra app registration. */
export const placeholderAppId = '00000000-0000-0000-0000-0000000000b0';

/** Teams' own limits on a bot's command menu (stricter than the schema). */
export const commandLimits = { perList: 10, titleLength: 32, descriptionLength: 128 } as const;

/**
 * Which skills each command menu shows. Teams allows ten per list, the catalog has more: one-to-one
 * chats lean to status and changes, channels and group chats to incidents.
 */
export const commandMenus: { scopes: ('personal' | 'team' | 'groupChat')[]; skills: SkillId[] }[] = [
  {
    scopes: ['personal'],
    skills: [
      'help',
      'status.overview',
      'status.endpoint',
      'status.compute',
      'status.jobs',
      'status.alerts',
      'troubleshoot.ask',
      'compute.start',
      'endpoint.scale',
      'incident.list',
    ],
  },
  {
    scopes: ['team', 'groupChat'],
    skills: [
      'help',
      'status.overview',
      'status.endpoint',
      'status.alerts',
      'troubleshoot.ask',
      'incident.declare',
      'incident.list',
      'incident.ack',
      'incident.escalate',
      'incident.resolve',
    ],
  },
];

/** A command of a bot's command menu. */
export interface ManifestCommand {
  title: string;
  description: string;
}

/** The ids and domains a package is built with. */
export interface ManifestIdentity {
  /** The Teams app id (a GUID). */
  appId: string;
  /** The bot's Microsoft App id (a GUID). */
  botId: string;
  /** The app version (semver). */
  version: string;
  /** Host names to add to `validDomains`. */
  domains: string[];
}

/** The Teams manifest as JSON; the fields this module writes are typed, the rest come from the template. */
export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists?: { scopes: string[]; commands: ManifestCommand[] }[];
  }[];
  validDomains: string[];
  [field: string]: unknown;
}

function crop(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A menu entry for a skill: the title is what Teams types into the compose box, so it is the command itself. */
export function commandFor(skill: SkillDeclaration): ManifestCommand {
  if (!skill.usage)
    throw new Error(`Teams manifest: skill "${skill.id}" has no command form (usage) to put in the menu.`);
  const usage = printUsage(skill);
  const words = usage.split(' ');
  const title = [
    usage,
    words.filter((word) => !word.startsWith('[')).join(' '),
    words.filter((word) => !/^[<[]/.test(word)).join(' '),
  ].find((form) => form.length <= commandLimits.titleLength);
  const description = `${skill.title}${/[.?!]$/.test(skill.title) ? '' : '.'} ${skill.description}`;
  return {
    title: crop(title ?? usage, commandLimits.titleLength),
    description: crop(description, commandLimits.descriptionLength),
  };
}

/** The command lists of the bot, generated from the catalog. */
export function buildCommandLists(
  skills: SkillDeclaration[],
): { scopes: string[]; commands: ManifestCommand[] }[] {
  const byId = new Map(skills.map((s) => [s.id, s]));
  return commandMenus.map((menu) => {
    if (menu.skills.length > commandLimits.perList) {
      throw new Error(
        `Teams manifest: the ${menu.scopes.join('/')} menu lists ${menu.skills.length} commands; Teams shows at most ${commandLimits.perList}.`,
      );
    }
    return {
      scopes: [...menu.scopes],
      commands: menu.skills.map((id) => {
        const skill = byId.get(id);
        if (!skill)
          throw new Error(`Teams manifest: the command menu names "${id}", which is not in the catalog.`);
        return commandFor(skill);
      }),
    };
  });
}

const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const hostName = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/**
 * Fills the template (`manifest/manifest.json`) with the ids, version, domains and the command menu
 * generated from the catalog. Throws on an id that is not a GUID or a domain that is not a host name.
 */
export function buildTeamsManifest(
  template: TeamsManifest,
  skills: SkillDeclaration[],
  identity: ManifestIdentity,
): TeamsManifest {
  for (const [name, value] of [
    ['bot id', identity.botId],
    ['Teams app id', identity.appId],
  ] as const) {
    if (!guid.test(value)) throw new Error(`Teams manifest: the ${name} "${value}" is not a GUID.`);
  }
  for (const domain of identity.domains) {
    if (!hostName.test(domain))
      throw new Error(
        `Teams manifest: "${domain}" is not a host name for validDomains (no scheme, no path).`,
      );
  }
  if (template.bots.length !== 1)
    throw new Error('Teams manifest: the template must declare exactly one bot.');
  return {
    ...template,
    $schema: manifestSchemaUrl,
    manifestVersion: manifestSchemaVersion,
    version: identity.version,
    id: identity.appId,
    bots: [{ ...template.bots[0], botId: identity.botId, commandLists: buildCommandLists(skills) }],
    validDomains: [...new Set([...template.validDomains, ...identity.domains])],
  };
}
