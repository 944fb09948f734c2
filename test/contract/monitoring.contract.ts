import type { MonitoringReader } from '../../core/ports';
import { type CreateContractSubject, seamContract } from './contract-subject';

/** The assertions every implementation of the monitoring seam: health, jobs, alerts, quota, cost, backups and storage. */
export function monitoringContract(label: string, create: CreateContractSubject): void {
  seamContract(
    `Monitoring contract: ${label}`,
    create,
    (lz): MonitoringReader => lz,
    (t) => {
      it('reports the health of every configured component', async () => {
        const health = await t.lz.getComponentHealth();
        expect(health.map((h) => h.resource).sort()).toEqual(t.config.components.map((c) => c.name).sort());
        for (const h of health) {
          expect(['available', 'degraded', 'unavailable', 'unknown']).toContain(h.state);
          expect(t.config.components.find((c) => c.name === h.resource)?.kind).toBe(h.kind);
        }
      });

      it('shows an unreachable Azure OpenAI account as not available, with a reason', async () => {
        t.subject.scenarios.setScenario('aoai-unreachable', true);
        t.subject.clock.advance(10 * 60_000);
        const aoai = (await t.lz.getComponentHealth()).find((h) => h.kind === 'openai')!;
        expect(aoai.state).not.toBe('available');
        expect(aoai.detail).toMatch(/\w+/);
      });

      it('lists quota usage for the cluster VM families, never above the limit', async () => {
        const quota = await t.lz.listQuotaUsage();
        for (const family of t.config.computes
          .filter((c) => c.kind === 'amlcompute')
          .map((c) => c.vmFamily)) {
          expect(quota.map((q) => q.family)).toContain(family);
        }
        for (const q of quota) {
          expect(q.limit).toBeGreaterThan(0);
          expect(q.used).toBeGreaterThanOrEqual(0);
          expect(q.used).toBeLessThanOrEqual(q.limit);
          expect(q.unit).toBe('cores');
        }
      });

      it('lists training jobs on configured clusters, failed ones with a reason', async () => {
        t.subject.scenarios.setScenario('training-failures', true);
        t.subject.clock.advance(2 * 60 * 60_000);
        const jobs = await t.lz.listTrainingJobs({ sinceHours: 24 });
        expect(jobs.length).toBeGreaterThan(0);
        expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
        const failed = jobs.filter((j) => j.status === 'failed');
        expect(failed.length).toBeGreaterThan(0);
        for (const j of failed) expect(j.failureReason).toMatch(/\w+/);
        for (const j of jobs) {
          expect(t.config.computes.map((c) => c.name)).toContain(j.compute);
          expect(['queued', 'running', 'completed', 'failed', 'canceled']).toContain(j.status);
        }
      });

      it('lists firing alerts by configured rule id', async () => {
        t.subject.scenarios.setScenario('endpoint-503', true);
        t.subject.clock.advance(15 * 60_000);
        const alerts = await t.lz.listFiringAlerts();
        expect(alerts.length).toBeGreaterThan(0);
        for (const a of alerts) {
          expect(t.config.alertRules.map((r) => r.id)).toContain(a.rule);
          expect(a.observed).toMatch(/\w+/);
        }
      });

      it('lists a high-severity security alert while one is raised', async () => {
        t.subject.scenarios.setScenario('security-alert', true);
        t.subject.clock.advance(15 * 60_000);
        const alerts = await t.lz.listSecurityAlerts({ sinceHours: 24 });
        expect(alerts.some((a) => a.severity === 'high' && a.title.length > 0)).toBe(true);
      });

      it('reports cost, backups and storage', async () => {
        const cost = await t.lz.getCostSummary();
        expect(cost.currency).toMatch(/^[A-Z]{3}$/);
        expect(cost.dailyAverage).toBeGreaterThan(0);
        expect(cost.todaySpend).toBeGreaterThanOrEqual(0);
        const backups = await t.lz.listBackups();
        expect(backups.length).toBeGreaterThan(0);
        for (const b of backups) expect(['succeeded', 'failed', 'running']).toContain(b.status);
        const storage = await t.lz.getStorageUsage();
        expect(storage.account).toBe('stprodeus2aidatalake');
        expect(storage.usedTb).toBeGreaterThan(0);
        expect(storage.usedTb).toBeLessThanOrEqual(storage.capacityTb);
      });
    },
  );
}
