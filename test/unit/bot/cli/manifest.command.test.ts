import JSZip from 'jszip';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifestPackage } from '../../../../bot/cli/manifest.command';
import { validateTeamsManifest } from '../../../../bot/manifest/manifest-schema';
import { decodePng } from '../../../../bot/manifest/png-encoder';
import { placeholderAppId } from '../../../../bot/manifest/teams-manifest';

const source = join(__dirname, '../../../../manifest');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsbot-manifest-'));
  for (const file of ['manifest.json', 'color.png', 'outline.png'])
    copyFileSync(join(source, file), join(dir, file));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('opsbot manifest', () => {
  it('zips a schema-valid manifest with the ids from the environment and both icons', async () => {
    const appId = '3c0a7e51-6b2d-4f8e-a1c9-5d4b3a2f1e00';
    const result = await buildManifestPackage({
      manifestDir: dir,
      env: { MICROSOFT_APP_ID: appId, BOT_DOMAIN: 'opsbot.contoso.com' },
      write: () => undefined,
    });
    expect(result.warnings).toEqual([]);
    expect(result.zipPath).toBe(join(dir, 'build', 'opsbot.zip'));

    const zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(validateTeamsManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.validDomains).toEqual(['opsbot.contoso.com']);
    expect(
      manifest.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) =>
        l.commands.map((c) => c.title),
      ),
    ).toContain('status <endpoint>');

    const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([color.width, outline.width]).toEqual([192, 32]);
  });

  it('uses a separate Teams app id when TEAMS_APP_ID is set', async () => {
    const result = await buildManifestPackage({
      manifestDir: dir,
      env: {
        MICROSOFT_APP_ID: '3c0a7e51-6b2d-4f8e-a1c9-5d4b3a2f1e00',
        TEAMS_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      },
      write: () => undefined,
    });
    expect(result.manifest.id).toBe('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d');
    expect(result.manifest.bots[0].botId).toBe('3c0a7e51-6b2d-4f8e-a1c9-5d4b3a2f1e00');
  });

  it('falls back to the placeholder id with a warning in local mode', async () => {
    const result = await buildManifestPackage({ manifestDir: dir, env: {}, write: () => undefined });
    expect(result.manifest.id).toBe(placeholderAppId);
    expect(result.warnings.join()).toMatch(/MICROSOFT_APP_ID is not set/);
  });

  it('writes no package when the app id is not a GUID', async () => {
    await expect(
      buildManifestPackage({ manifestDir: dir, env: { MICROSOFT_APP_ID: 'opsbot' }, write: () => undefined }),
    ).rejects.toThrow('the bot id "opsbot" is not a GUID');
    expect(existsSync(join(dir, 'build', 'opsbot.zip'))).toBe(false);
  });

  it('writes no package when the template breaks the schema, and lists the problems', async () => {
    const template = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    template.name.short = 'a name far longer than Teams allows for short names';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(template));
    await expect(buildManifestPackage({ manifestDir: dir, env: {}, write: () => undefined })).rejects.toThrow(
      '/name/short: must NOT have more than 30 characters',
    );
    expect(existsSync(join(dir, 'build', 'opsbot.zip'))).toBe(false);
  });
});
