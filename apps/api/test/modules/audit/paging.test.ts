import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { expectError } from '../../support/errors.js';

describe('the audit trail pages (by a cursor: events older than the last one shown)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('shows at most 100 events a page, newest first, and pages on to the oldest without gaps or repeats', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const response = await admin.get(`/api/admin/audit${before ? `?before=${before}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { events: { id: number }[]; nextBefore: number | null };
      expect(body.events.length).toBeLessThanOrEqual(100);
      if (body.nextBefore !== null) expect(body.events).toHaveLength(100);
      seen.push(...body.events.map((e) => e.id));
      before = body.nextBefore;
      pages++;
    } while (before !== null && pages < 50);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    const count = t.app.db.get<{ n: number; low: number }>(
      sql`select count(*) as n, min(id) as low from audit_events`,
    );
    expect(seen).toHaveLength(count.n);
    expect(seen.at(-1)).toBe(count.low);
  });

  it('refuses a cursor that is not a whole number from 1 on its field', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    for (const before of ['0', '-5', 'abc', '1.5']) {
      const error = expectError(
        await admin.get(`/api/admin/audit?before=${before}`),
        400,
        'validation_failed',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['before']);
    }
  });
});
