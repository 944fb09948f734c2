import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allSkills } from '../../../../skills/catalog';
import type { SkillDeclaration } from '../../../../skills/skill';
import { drawAppIcons } from '../../../../bot/manifest/app-icons';
import { validateTeamsManifest } from '../../../../bot/manifest/manifest-schema';
import { decodePng, encodePng } from '../../../../bot/manifest/png-encoder';
import {
  buildCommandLists,
  buildTeamsManifest,
  commandFor,
  commandLimits,
  manifestSchemaUrl,
  type TeamsManifest,
} from '../../../../bot/manifest/teams-manifest';

const template = JSON.parse(
  readFileSync(join(__dirname, '../../../../manifest/manifest.json'), 'utf8'),
) as TeamsManifest;
const identity = {
  appId: '5f1c7c2e-8a4b-4c1e-9d3a-2b7e6f0a1c11',
  botId: '7d2e9b4a-1c3f-4e5a-8b6d-0f9e8d7c6b22',
  version: '1.2.3',
  domains: [],
};

describe('Teams manifest', () => {
  it('passes the Teams JSON schema once built with real ids', () => {
    const manifest = buildTeamsManifest(template, allSkills, identity);
    expect(validateTeamsManifest(manifest)).toEqual([]);
    expect(manifest.$schema).toBe(manifestSchemaUrl);
    expect(manifest.bots[0]).toMatchObject({
      botId: identity.botId,
      scopes: ['personal', 'team', 'groupChat'],
    });
  });

  it('is rejected by the schema validator when a required field is missing or an id is not a GUID', () => {
    const manifest = buildTeamsManifest(template, allSkills, identity);
    const { developer: _dropped, ...withoutDeveloper } = manifest;
    expect(validateTeamsManifest(withoutDeveloper)).toContain(
      "(top level): must have required property 'developer'",
    );
    expect(validateTeamsManifest({ ...manifest, id: 'not-a-guid' }).join('\n')).toMatch(
      /^\/id: must match pattern/m,
    );
  });

  it('keeps every command menu inside the limits Teams puts on it', () => {
    for (const list of buildCommandLists(allSkills)) {
      expect(list.commands.length).toBeLessThanOrEqual(commandLimits.perList);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(commandLimits.titleLength);
        expect(command.description.length).toBeLessThanOrEqual(commandLimits.descriptionLength);
      }
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
    }
  });

  it('takes the menu from the catalog: the command form as the title, the skill title and sentence as the description', () => {
    const [personal, channels] = buildCommandLists(allSkills);
    expect(personal.scopes).toEqual(['personal']);
    expect(channels.scopes).toEqual(['team', 'groupChat']);
    expect(personal.commands).toContainEqual({
      title: 'status <endpoint>',
      description: expect.stringMatching(/^Endpoint status\. One online endpoint/),
    });
    expect(channels.commands.map((c) => c.title)).toContain('declare [P1-P4] <summary>');
  });

  it('shortens a command form that is too long by dropping optional words first', () => {
    const long = {
      ...allSkills.find((s) => s.id === 'endpoint.scale')!,
      title: 'Scale',
      description: 'x',
    } as SkillDeclaration;
    expect(commandFor(long).title).toBe('scale <endpoint> <instances>');
  });

  it('says which skill a menu names when the catalog does not have it', () => {
    const withoutScale = allSkills.filter((s) => s.id !== 'endpoint.scale');
    expect(() => buildCommandLists(withoutScale)).toThrow('"endpoint.scale", which is not in the catalog');
  });

  it('refuses ids that are not GUIDs and domains that are URLs', () => {
    expect(() => buildTeamsManifest(template, allSkills, { ...identity, botId: 'my-bot' })).toThrow(
      'the bot id "my-bot" is not a GUID',
    );
    expect(() =>
      buildTeamsManifest(template, allSkills, { ...identity, domains: ['https://opsbot.contoso.com/'] }),
    ).toThrow('is not a host name');
    expect(
      buildTeamsManifest(template, allSkills, { ...identity, domains: ['opsbot.contoso.com'] }).validDomains,
    ).toEqual(['opsbot.contoso.com']);
  });

  it('is committed with the command menu the catalog generates (run `npm run manifest -- --regenerate` after changing skills)', () => {
    expect(template.bots[0].commandLists).toEqual(buildCommandLists(allSkills));
  });
});

describe('app icons', () => {
  const drawn = drawAppIcons();

  it('are committed exactly as drawn', () => {
    expect(readFileSync(join(__dirname, '../../../../manifest/color.png')).equals(drawn.color)).toBe(true);
    expect(readFileSync(join(__dirname, '../../../../manifest/outline.png')).equals(drawn.outline)).toBe(
      true,
    );
  });

  it('draw a 192x192 opaque colour icon and a 32x32 outline that is white on transparent', () => {
    const color = decodePng(drawn.color);
    expect([color.width, color.height]).toEqual([192, 192]);
    const alphas = new Set<number>();
    for (let i = 3; i < color.pixels.length; i += 4) alphas.add(color.pixels[i]);
    expect([...alphas]).toEqual([255]);

    const outline = decodePng(drawn.outline);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      expect([outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2]]).toEqual([255, 255, 255]);
      if (outline.pixels[i + 3] === 0) transparent++;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(transparent).toBeLessThan(32 * 32);
  });

  it('round-trip through the PNG encoder', () => {
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 9]);
    expect(decodePng(encodePng({ width: 2, height: 2, pixels }))).toEqual({ width: 2, height: 2, pixels });
    expect(() => encodePng({ width: 3, height: 2, pixels })).toThrow('needs 24 bytes');
  });
});
