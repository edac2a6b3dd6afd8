import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/db/schema/index.js';
import { recordAudit } from '../../../src/modules/audit/repository.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';

/** The database's own refusal, wherever drizzle wraps it (drizzle puts it in `cause`). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' / ');
  }
  return 'no error';
}

describe('the audit trail is append-only', () => {
  let t: TestApp;
  const allRows = () => t.app.db.select().from(auditEvents).orderBy(auditEvents.id).all();

  beforeAll(async () => {
    t = await buildTestApp();
    // Some history from real requests.
    await signedIn(t.app, 'admin@demo.test');
    await signedIn(t.app, 'officer@demo.test');
  });
  afterAll(async () => t.close());

  it('has events to protect', () => {
    expect(allRows().length).toBeGreaterThanOrEqual(2);
  });

  it('refuses UPDATE in the database itself, leaving every row unchanged', () => {
    const before = allRows();
    expect(refusal(() => t.app.db.run(sql`update audit_events set action = 'rewritten'`))).toMatch(
      /append-only/,
    );
    expect(
      refusal(() =>
        t.app.db
          .update(auditEvents)
          .set({ actorId: null })
          .where(eq(auditEvents.action, 'auth.signed_in'))
          .run(),
      ),
    ).toMatch(/append-only/);
    expect(allRows()).toEqual(before);
  });

  it('refuses DELETE in the database itself, leaving every row in place', () => {
    const before = allRows();
    expect(refusal(() => t.app.db.run(sql`delete from audit_events`))).toMatch(/append-only/);
    const first = before[0];
    expect(
      refusal(() =>
        t.app.db
          .delete(auditEvents)
          .where(eq(auditEvents.id, first?.id ?? 0))
          .run(),
      ),
    ).toMatch(/append-only/);
    expect(allRows()).toEqual(before);
  });

  it('refuses a rewrite inside a transaction and rolls the whole transaction back', () => {
    const before = allRows();
    expect(
      refusal(() =>
        t.app.db.transaction((tx) => {
          recordAudit(tx, { actorId: null, action: 'system.demo_seeded', entityType: 'system' });
          tx.run(sql`update audit_events set reason = 'tampered'`);
        }),
      ),
    ).toMatch(/append-only/);
    expect(allRows()).toEqual(before);
  });

  it('still accepts new events', () => {
    const count = allRows().length;
    recordAudit(t.app.db, {
      actorId: null,
      action: 'system.demo_seeded',
      entityType: 'system',
      after: { n: 1 },
    });
    const rows = allRows();
    expect(rows).toHaveLength(count + 1);
    expect(rows.at(-1)).toMatchObject({ action: 'system.demo_seeded', after: { n: 1 } });
  });
});
