import { ManualClock } from '../../../../core/clock';
import { silentLogger } from '../../../../core/logger';
import type { LandingZone } from '../../../../core/ports';
import { CommandGrammar } from '../../../../core/routing/command-router';
import { createOfflineRouter } from '../../../helpers/offline-router';
import { resource } from '../../../../core/contract/resource-params';
import type { SkillId } from '../../../../core/contract/skill-contract';
import { skillIds } from '../../../../core/contract/skill-contract';
import { toolSpecs } from '../../../../core/contract/tool-specs';
import { count } from '../../../../core/contract/value-params';
import { ClarifyDialog } from '../../../../dialogs/clarify.dialog';
import { allSkills, SkillCatalog } from '../../../../skills/catalog';
import { propose } from '../../../../skills/propose';
import type { HelpResult } from '../../../../skills/results';
import type { Caller, SkillContext, SkillDeclaration } from '../../../../skills/skill';
import { defineSkill } from '../../../../skills/skill';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';
import { MemoryKeyValueStore } from '../../../helpers/memory-key-value-store';

/**
 * Adding a skill is one declaration: this one exists only in this test, and nothing else is edited
 * for the router, the clarify dialog, help, the strict commands and the LLM tools to know it.
 */
const eventsId = 'status.events' as SkillId;
const events = defineSkill({
  id: eventsId,
  title: 'Recent endpoint events',
  usage: 'events <endpoint> <limit>',
  description: 'The latest events of one online endpoint: deployments, restarts, scaling.',
  examples: [
    'show the last 5 events of the fraud endpoint',
    'list recent events on fraud-detection',
    'what events happened on the fraud endpoint lately',
    'give me the latest 10 endpoint events for fraud',
    'recent events for the fraud model',
    'event log of fraud-detection, last 3 entries',
    'print the newest events of the endpoint',
    'endpoint events please, the last few',
  ],
  params: { endpoint: resource('endpoint'), limit: count(1, 20).describe('How many events to show') },
  kind: 'read',
  roles: ['l2', 'l3'],
  run: async (args) => ({ view: 'message', tone: 'info', text: `${args.limit} events of ${args.endpoint}` }),
});

const config = loadShippedConfig();
const skills = [...allSkills, events] as SkillDeclaration[];
const catalog = new SkillCatalog(skills, { ids: [...skillIds, eventsId] });
const endpointNames = config.endpoints.map((e) => e.name);

function context(roles: Caller['roles']): SkillContext {
  return {
    caller: { aadObjectId: 'someone', name: 'Someone', roles },
    conversationId: 'conv-1',
    correlationId: 'corr-1',
    config,
    landingZone: {} as LandingZone,
    clock: new ManualClock('2026-03-02T10:00:00Z'),
    audit: new MemoryAuditLog(),
    logger: silentLogger,
    localMode: true,
    catalog,
  };
}

describe('a skill added by one declaration', () => {
  it('is refused by the production catalog, whose contract does not list its id', () => {
    expect(() => new SkillCatalog(skills)).toThrow(/"status.events" is not a skill id of the contract/);
  });

  it('is routed by the offline router from its examples, with its arguments', async () => {
    const router = await createOfflineRouter({ config, skills });
    const intent = await router.route('show me the last 4 events of the fraud endpoint');
    expect({ skill: intent.skill, args: intent.args }).toEqual({
      skill: eventsId,
      args: { endpoint: 'fraud-detection', limit: 4 },
    });
  });

  it('is clarified: the missing endpoint is asked with the configured endpoints as choices', async () => {
    const dialog = new ClarifyDialog({
      store: new MemoryKeyValueStore(),
      config,
      catalog,
      clock: new ManualClock('2026-03-02T10:00:00Z'),
    });
    const asker = { conversationId: 'conv-1', aadObjectId: 'someone' };
    const asked = await dialog.review(asker, {
      skill: eventsId,
      args: { limit: 5 },
      confidence: 0.95,
      source: 'offline',
    });
    expect(asked.action).toBe('reply');
    if (asked.action !== 'reply' || asked.result.view !== 'clarify') throw new Error('expected a question');
    expect(asked.result.question).toBe('Which endpoint?');
    expect(asked.result.choices?.map((c) => c.label)).toEqual([...endpointNames, 'Cancel']);
    await expect(dialog.resume(asker, 'the fraud one')).resolves.toEqual({
      action: 'run',
      intent: expect.objectContaining({ skill: eventsId, args: { limit: 5, endpoint: 'fraud-detection' } }),
    });
  });

  it('is listed in help for a role that may use it, with its command, and not for one that may not', async () => {
    const listed = async (roles: Caller['roles']) => {
      const result = (await propose(
        { skill: 'help', args: {}, source: 'command' },
        context(roles),
        catalog,
      )) as HelpResult;
      return result.skills.find((s) => s.id === eventsId);
    };
    await expect(listed(['l2'])).resolves.toMatchObject({ command: 'events <endpoint> <limit>' });
    await expect(listed(['l1'])).resolves.toBeUndefined();
  });

  it('is parsed as a strict command from its usage, with exact names only', () => {
    const grammar = new CommandGrammar(skills, config);
    expect(grammar.parse('events fraud-detection 7')).toMatchObject({
      skill: eventsId,
      args: { endpoint: 'fraud-detection', limit: 7 },
    });
    expect(grammar.parse('events fraud-detection lots')).toBeUndefined();
  });

  it('is exported as a tool whose endpoint is an enum of the configured names', () => {
    const tool = toolSpecs(skills, ['l2'], config).find((t) => t.name === eventsId);
    expect(tool).toEqual({
      name: eventsId,
      description: events.description,
      parameters: {
        type: 'object',
        properties: {
          endpoint: { type: 'string', minLength: 1, enum: endpointNames },
          limit: { type: 'integer', minimum: 1, maximum: 20, description: 'How many events to show' },
        },
        required: ['endpoint', 'limit'],
        additionalProperties: false,
      },
    });
    expect(toolSpecs(skills, ['l1'], config).some((t) => t.name === eventsId)).toBe(false);
  });
});

/**
 * A change skill added by one declaration: its request words put it behind the change gate, which
 * reads them from the declaration, so no table in core names it.
 */
const freezeId = 'endpoint.freeze' as SkillId;
const freeze = defineSkill({
  id: freezeId,
  title: 'Freeze an endpoint',
  usage: 'freeze <endpoint>',
  description: 'Hold an online endpoint at its current deployments and instance count.',
  examples: [
    'freeze the fraud endpoint',
    'freeze fraud-detection please',
    'can you freeze the fraud endpoint',
    'hold the fraud endpoint steady',
    'please freeze the endpoint for the release',
    'freeze fraud now',
    'we need to freeze the fraud model endpoint',
    'go ahead and freeze fraud-detection',
  ],
  params: { endpoint: resource('endpoint') },
  kind: 'change',
  changeType: 'normal',
  roles: ['l3'],
  readAlternative: 'status.endpoint',
  request: { verbs: 'freeze, hold * steady' },
});

describe('a change skill added by one declaration', () => {
  let router: Awaited<ReturnType<typeof createOfflineRouter>>;
  beforeAll(async () => {
    router = await createOfflineRouter({ config, skills: [...allSkills, freeze] as SkillDeclaration[] });
  });

  it('is proposed when asked for in its declared words', async () => {
    const intent = await router.route('please freeze the fraud endpoint');
    expect({ skill: intent.skill, args: intent.args }).toEqual({
      skill: freezeId,
      args: { endpoint: 'fraud-detection' },
    });
  });

  it.each([
    'should we freeze the fraud endpoint?',
    "don't freeze fraud-detection",
    'diego said to freeze the fraud endpoint',
    'if latency spikes, freeze the fraud endpoint',
    'freeze the fraud endpoint tomorrow',
  ])('is not proposed for "%s" (asked, negated, reported, conditional, for later)', async (message) => {
    const intent = await router.route(message);
    expect(intent.skill).not.toBe(freezeId);
    expect(intent.alternatives?.map((a) => a.skill) ?? []).not.toContain(freezeId);
  });
});
