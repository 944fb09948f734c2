import { EntityResolver, tokenize } from '../../../../core/routing/entity-resolver';
import type { MessageReading, ParamContext } from '../../../../core/contract/param-kind';
import { resource } from '../../../../core/contract/resource-params';
import { count, hours, incidentId, severity, text } from '../../../../core/contract/value-params';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const resolver = new EntityResolver(config);
const ctx = (args: Record<string, unknown> = {}, commandWords?: string[]): ParamContext => ({
  config,
  resolver,
  args,
  commandWords,
});
const reading = (message: string): MessageReading => {
  const lower = message.toLowerCase();
  const tokens = tokenize(lower);
  return { text: message, lower, tokens, mentions: resolver.findResources(tokens) };
};
const command = { config, args: {}, lead: [], loose: false };

describe('resource parameters', () => {
  const fraud = config.endpoints.find((e) => e.aliases.includes('fraud'))!;
  const gpu = config.computes.find((c) => c.aliases.includes('gpu'))!;

  it('find a resource of their kind in a message, misspelt, and nothing of another kind', () => {
    expect(resource('endpoint').behaviour.find(reading('how is fraud detecton doing'), ctx())).toBe(
      fraud.name,
    );
    expect(resource('cluster').behaviour.find(reading('how is fraud detecton doing'), ctx())).toBeUndefined();
    expect(resource('cluster').behaviour.find(reading('start the gpu clstr'), ctx())).toBe(gpu.name);
  });

  it("find a secret by its account's name", () => {
    const secret = config.secrets[0];
    const account = config.components.find((c) => c.name === secret.account)!;
    expect(resource('secret').behaviour.find(reading(`rotate the ${account.aliases[0]} one`), ctx())).toBe(
      secret.name,
    );
  });

  it('take only exact names and aliases in a strict command; a read skill passes an unknown one on', () => {
    const endpoint = resource('endpoint').behaviour;
    expect(endpoint.fromCommand(['fraud'], command)).toBe(fraud.name);
    expect(endpoint.fromCommand(['fraud', 'detecton'], command)).toBeUndefined();
    expect(endpoint.fromCommand(['frodo'], { ...command, loose: true })).toBe('frodo');
  });

  it('ask which one, with the configured names as choices', () => {
    expect(resource('cluster').behaviour.ask('cluster', ctx())).toEqual({
      question: 'Which compute?',
      choices: config.computes.map((c) => c.name),
    });
  });

  it("read a deployment among the endpoint's own only", () => {
    const deployment = resource('deployment').behaviour;
    const own = fraud.deployments[0].name;
    expect(deployment.fromCommand([own.toUpperCase()], { ...command, args: { endpoint: fraud.name } })).toBe(
      own,
    );
    expect(
      deployment.fromCommand(['purple'], { ...command, args: { endpoint: fraud.name } }),
    ).toBeUndefined();
    expect(deployment.resolve(own, ctx({ endpoint: fraud.name }))).toBe(own);
  });

  it('give the configured names as the JSON schema enum', () => {
    expect(resource('endpoint').jsonSchema(config)).toEqual({
      type: 'string',
      minLength: 1,
      enum: config.endpoints.map((e) => e.name),
    });
  });
});

describe('value parameters', () => {
  it('count: an absolute number only, within the maximum', () => {
    const instances = count(1, 50).behaviour;
    expect(instances.find(reading('scale fraud to 8 instances'), ctx())).toBe(8);
    expect(instances.find(reading('give fraud two more instances'), ctx())).toBeUndefined();
    expect(instances.find(reading('scale fraud to 80'), ctx())).toBeUndefined();
    expect(instances.resolve('seven', ctx())).toBe(7);
    expect(instances.fromCommand(['1000'], command)).toBeUndefined();
  });

  it('hours: a window in the words, the strict form out of range passed on, a default of its own', () => {
    const window = hours({ min: 1, max: 720, default: 24 });
    expect(window.behaviour.find(reading('failed jobs in the last 6 hours'), ctx())).toBe(6);
    expect(window.behaviour.find(reading('jobs 0'), ctx({}, ['jobs']))).toBe(0);
    expect(window.behaviour.fromCommand(['0'], command)).toBeUndefined();
    expect(window.required).toBe(false);
    expect(window.schema.parse(undefined)).toBe(24);
  });

  it('severity: said outright or implied, and asked with P1–P4', () => {
    const level = severity().behaviour;
    expect(level.find(reading('open a sev 1 now'), ctx())).toBe('P1');
    expect(level.resolve('3', ctx())).toBe('P3');
    expect(level.ask('severity', ctx()).choices).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('incident id: normalised wherever it stands', () => {
    const id = incidentId().behaviour;
    expect(id.find(reading('ack inc 42 please'), ctx())).toBe('INC-0042');
    expect(id.fromCommand(['inc', '7'], command)).toBe('INC-0007');
    expect(id.fromCommand(['tomorrow'], command)).toBeUndefined();
  });

  it('text: the whole question, the summary without the request, or the detail after a colon', () => {
    const message = reading('open a P2: the feature store api fails');
    expect(text({ reads: 'message' }).behaviour.find(message, ctx())).toBe(message.text);
    expect(text({ reads: 'summary' }).behaviour.find(message, ctx())).toBe('the feature store api fails');
    expect(text({ reads: 'detail' }).behaviour.find(reading('resolve INC-0042: restarted blue'), ctx())).toBe(
      'restarted blue',
    );
    expect(text({ reads: 'message', prompt: 'What is it?' }).behaviour.ask('question', ctx()).question).toBe(
      'What is it?',
    );
  });
});
