import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  customRoleActions,
  opsbotRoleName,
  opsbotSubscriptionRoleName,
  permissionScope,
  skillPermissions,
} from '../../../../adapters/azure/azure-permissions';
import { skillIds } from '../../../../skills/skill';

const docs = join(__dirname, '..', '..', '..', '..', 'docs');

describe('Azure permissions of the bot identity', () => {
  it('the two custom roles grant exactly the union of the per-skill actions, each at its scope', () => {
    const role = JSON.parse(readFileSync(join(docs, 'opsbot-custom-role.json'), 'utf8'));
    const subscription = JSON.parse(readFileSync(join(docs, 'opsbot-subscription-role.json'), 'utf8'));
    const everything = [...new Set(skillPermissions.flatMap((p) => p.actions))].sort();
    expect(role.Name).toBe(opsbotRoleName);
    expect(subscription.Name).toBe(opsbotSubscriptionRoleName);
    expect([...role.Actions, ...subscription.Actions].sort()).toEqual(everything);
    expect([...role.Actions].sort()).toEqual(customRoleActions('resource group').actions);
    expect([...subscription.Actions].sort()).toEqual(customRoleActions('subscription').actions);
    expect([...role.DataActions].sort()).toEqual(customRoleActions().dataActions);
    expect(subscription.DataActions).toEqual([]);
    for (const a of subscription.Actions) expect(a.endsWith('/read')).toBe(true);
  });

  it('the permissions page lists every action of every skill with the scope it needs', () => {
    const page = readFileSync(join(docs, 'azure-permissions.md'), 'utf8');
    for (const p of skillPermissions) {
      const section = page.split(`### \`${p.skill}\``)[1]?.split('###')[0] ?? '';
      for (const a of p.actions) expect(section).toContain(`- \`${a}\` (${permissionScope(a)})`);
      for (const a of p.dataActions) expect(section).toContain(`- \`${a}\` (data action`);
    }
  });

  it('location-level ML actions, which only exist under the subscription, are granted there', () => {
    const all = skillPermissions.flatMap((p) => p.actions);
    const located = all.filter((a) => a.startsWith('Microsoft.MachineLearningServices/locations/'));
    expect(located.length).toBeGreaterThan(3);
    for (const a of located) expect(permissionScope(a)).toBe('subscription');
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
