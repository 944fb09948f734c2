import { skillIds } from '../../../../core/contract/skill-contract';
import { toolSpecs } from '../../../../core/contract/tool-specs';
import { allSkills } from '../../../../skills/catalog';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();

describe('tool specs for the LLM router', () => {
  it('has one tool per skill an operator may use, none for `none`', () => {
    const names = toolSpecs(allSkills, ['l2'], config).map((t) => t.name);
    const expected = allSkills.filter((s) => s.id !== 'none' && s.roles.includes('l2')).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(10);
    expect(names).toEqual(expected);
    expect(names.every((name) => (skillIds as readonly string[]).includes(name))).toBe(true);
  });

  it('offers a viewer no change skill', () => {
    const viewer = toolSpecs(allSkills, ['viewer'], config);
    expect(viewer.length).toBeGreaterThan(0);
    expect(viewer.map((t) => t.name)).not.toContain('endpoint.scale');
  });

  it("gives a scale's endpoint and deployment as enums of the config, its count with bounds", () => {
    const scale = toolSpecs(allSkills, ['l2'], config).find((t) => t.name === 'endpoint.scale')!;
    const deployments = [...new Set(config.endpoints.flatMap((e) => e.deployments.map((d) => d.name)))];
    expect(scale.parameters).toMatchObject({
      type: 'object',
      properties: {
        endpoint: { type: 'string', enum: config.endpoints.map((e) => e.name) },
        deployment: { type: 'string', enum: deployments },
        instances: { type: 'integer', minimum: 1, maximum: 50 },
      },
      required: ['endpoint', 'instances'],
    });
  });

  it('leaves a parameter with a default out of `required`', () => {
    const jobs = toolSpecs(allSkills, ['viewer'], config).find((t) => t.name === 'status.jobs')!;
    expect(jobs.parameters).toMatchObject({ properties: { hours: { default: 24, maximum: 720 } } });
    expect(jobs.parameters.required).toBeUndefined();
  });
});
