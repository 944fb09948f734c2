import type { AuditEvent, AuditLog, AuditQuery } from '../../core/ports';

/** Collects audit events in memory so unit tests can assert what was recorded. */
export class MemoryAuditLog implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(event: AuditEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }
  async list(query: AuditQuery = {}): Promise<AuditEvent[]> {
    return this.events.filter(
      (e) =>
        (!query.correlationId || e.correlationId === query.correlationId) &&
        (!query.actorId || e.actorId === query.actorId) &&
        (!query.skill || e.skill === query.skill),
    );
  }
}
