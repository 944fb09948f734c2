import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  customRoleActions,
  opsbotRoleName,
  skillPermissions,
} from '../../../../adapters/azure/azure-permissions';
import { skillIds } from '../../../../skills/skill';

const docs = join(__dirname, '..', '..', '..', '..', 'docs');

describe('Azure permissions of the bot identity', () => {
  it('the custom role grants exactly the union of the per-skill actions', () => {
    const role = JSON.parse(readFileSync(join(docs, 'opsbot-custom-role.json'), 'utf8'));
    const { actions, dataActions } = customRoleActions();
    expect(role.Name).toBe(opsbotRoleName);
    expect([...role.Actions].sort()).toEqual(actions);
    expect([...role.DataActions].sort()).toEqual(dataActions);
  });

  it('the permissions page lists every action of every skill', () => {
    const page = readFileSync(join(docs, 'azure-permissions.md'), 'utf8');
    for (const p of skillPermissions) {
      const section = page.split(`### \`${p.skill}\``)[1]?.split('###')[0] ?? '';
      for (const a of [...p.actions, ...p.dataActions]) expect(section).toContain(`\`${a}\``);
    }
  });

  it('read-only skills need only reader-level actions', () => {
    const readOnly = skillPermissions.filter(
      (p) => p.skill.startsWith('status.') || p.skill === 'troubleshoot.ask',
    );
    expect(readOnly.length).toBe(7);
    for (const p of readOnly) {
      expect(p.dataActions).toEqual([]);
      for (const a of p.actions)
        expect(a === 'Microsoft.CostManagement/query/action' || a.endsWith('/read')).toBe(true);
    }
  });

  it('names only skills of the catalog', () => {
    for (const p of skillPermissions) expect(skillIds).toContain(p.skill);
  });
});
