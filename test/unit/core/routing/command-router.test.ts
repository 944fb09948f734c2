import { CommandGrammar } from '../../../../core/routing/command-router';
import { hours } from '../../../../core/contract/value-params';
import { printUsage } from '../../../../core/contract/usage';
import { allSkills } from '../../../../skills/catalog';
import { defineSkill } from '../../../../skills/skill';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const grammar = new CommandGrammar(allSkills, config);
const parseCommand = (text: string) => grammar.parse(text);
const route = (text: string) => {
  const intent = parseCommand(text);
  return intent && { skill: intent.skill, args: intent.args };
};

describe('strict commands', () => {
  it.each([
    ['help', 'help', {}],
    ['status', 'status.overview', {}],
    ['status fraud-detection', 'status.endpoint', { endpoint: 'fraud-detection' }],
    ['STATUS Fraud-Detection', 'status.endpoint', { endpoint: 'fraud-detection' }],
    ['status fraud endpoint', 'status.endpoint', { endpoint: 'fraud-detection' }],
    ['status gpu-cluster-01', 'status.compute', { cluster: 'gpu-cluster-01' }],
    ['status the gpu cluster', 'status.compute', { cluster: 'gpu-cluster-01' }],
    ['status compute cpu', 'status.compute', { cluster: 'cpu-cluster-01' }],
    ['status jobs 6', 'status.jobs', { hours: 6 }],
    ['jobs', 'status.jobs', {}],
    ['jobs 48h', 'status.jobs', { hours: 48 }],
    ['quota', 'status.quota', {}],
    ['alerts', 'status.alerts', {}],
    ['incidents', 'incident.list', {}],
    ['start gpu-cluster-01', 'compute.start', { cluster: 'gpu-cluster-01' }],
    ['stop cpu', 'compute.stop', { cluster: 'cpu-cluster-01' }],
    ['scale fraud-detection 6', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 6 }],
    [
      'scale fraud-detection green 4',
      'endpoint.scale',
      { endpoint: 'fraud-detection', deployment: 'green', instances: 4 },
    ],
    ['rotate aoai-api-key', 'secret.rotate', { secret: 'aoai-api-key' }],
    [
      'declare P1 fraud endpoint down',
      'incident.declare',
      { summary: 'fraud endpoint down', severity: 'P1' },
    ],
    ['declare jobs keep failing', 'incident.declare', { summary: 'jobs keep failing', severity: 'P2' }],
    [
      'declare the dashboard colours look odd',
      'incident.declare',
      { summary: 'the dashboard colours look odd' },
    ],
    ['ack', 'incident.ack', {}],
    ['ack inc-0042', 'incident.ack', { incident: 'INC-0042' }],
    [
      'escalate INC-0007 L2 cannot fix it',
      'incident.escalate',
      { incident: 'INC-0007', reason: 'L2 cannot fix it' },
    ],
    [
      'resolve INC-0001 restarted blue',
      'incident.resolve',
      { incident: 'INC-0001', resolution: 'restarted blue' },
    ],
    [
      'ask why do jobs fail with quota exceeded',
      'troubleshoot.ask',
      { question: 'why do jobs fail with quota exceeded' },
    ],
  ])('%s', (text, skill, args) => {
    expect(route(text)).toEqual({ skill, args });
  });

  it('passes an unknown cluster name through so the skill can say which exist', () => {
    expect(route('status gpu-cluster-99')).toEqual({
      skill: 'status.compute',
      args: { cluster: 'gpu-cluster-99' },
    });
  });

  it.each([
    'how is the fraud endpoint doing',
    'scale fraud-detection lots',
    'jobs since monday',
    'help me please',
    '',
  ])('leaves natural language to the router: %s', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });

  it.each([
    ['stop gpu cluster', 'compute.stop', { cluster: 'gpu-cluster-01' }],
    ['start the cpu cluster', 'compute.start', { cluster: 'cpu-cluster-01' }],
    ['rotate api key', 'secret.rotate', { secret: 'aoai-api-key' }],
    ['scale fraud-detection to 8', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 8 }],
    ['scale fraud to 8', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 8 }],
    [
      'scale fraud endpoint Blue to 5',
      'endpoint.scale',
      { endpoint: 'fraud-detection', deployment: 'blue', instances: 5 },
    ],
    ['jobs 720', 'status.jobs', { hours: 720 }],
    ['jobs 1h', 'status.jobs', { hours: 1 }],
  ])('takes a change or window command whose names resolve exactly: %s', (text, skill, args) => {
    expect(route(text)).toEqual({ skill, args });
  });

  it.each([
    'stop it',
    'start over',
    'stop all',
    'stop fraud',
    'start fraud-detection',
    'rotate *',
    'rotate it',
    'rotate gpu-cluster-01',
    'stop gpu-cluster-99',
    'scale fraud to',
    'scale gpu to 4',
    'scale fraud by 2',
    'scale fraud-detection blue by 2',
    'scale fraud purple 4',
    'scale fraud-detection to to 4',
    'scale nothing 4',
    'scale fraud 9999999999999999999999',
    'scale fraud 1000',
    'scale fraud -3',
    'scale fraud 2.5',
    'jobs 0',
    'jobs 721',
    'jobs 99999',
    'jobs 9999999999999999999999',
  ])('leaves a loose change or out-of-range command to the router: %s', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });

  it("takes the jobs window's bounds from the declaration of status.jobs", () => {
    const jobs = allSkills.find((s) => s.id === 'status.jobs')!;
    const narrow = defineSkill({ ...jobs, params: { hours: hours({ min: 2, max: 48, default: 24 }) } });
    const narrowGrammar = new CommandGrammar([narrow], config);
    expect(narrowGrammar.parse('jobs 48')?.args).toEqual({ hours: 48 });
    expect(narrowGrammar.parse('jobs 49')).toBeUndefined();
    expect(narrowGrammar.parse('jobs 1')).toBeUndefined();
    expect(parseCommand('jobs 49')?.args).toEqual({ hours: 49 });
  });

  it('prints each usage with placeholders by kind, as help shows it', () => {
    const printed = Object.fromEntries(allSkills.map((s) => [s.id, printUsage(s)]));
    expect(printed).toMatchObject({
      help: 'help',
      'status.jobs': 'jobs [hours]',
      'endpoint.scale': 'scale <endpoint> [deployment] <instances>',
      'incident.declare': 'declare [P1-P4] <summary>',
      'incident.escalate': 'escalate [INC-nnnn] [reason]',
      'troubleshoot.ask': 'ask <question>',
    });
  });

  it('refuses at start a usage that names no parameter or leaves a required one out', () => {
    const jobs = allSkills.find((s) => s.id === 'status.jobs')!;
    expect(() => new CommandGrammar([{ ...jobs, usage: 'jobs <window>' }], config)).toThrow(/<window>/);
    const scale = allSkills.find((s) => s.id === 'endpoint.scale')!;
    expect(() => new CommandGrammar([{ ...scale, usage: 'scale <endpoint>' }], config)).toThrow(/instances/);
  });

  it('gives full confidence to a command', () => {
    expect(parseCommand('quota')).toMatchObject({ confidence: 1, source: 'command' });
  });
});
