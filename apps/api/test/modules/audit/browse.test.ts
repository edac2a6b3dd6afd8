// Officers browse the audit trail (decision 0026): by bid, by grant, by person and by date, each
// entry naming its record so the page can link to it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

interface Event {
  action: string;
  entityType: string;
  entityId: string | null;
  actorId: string | null;
  at: string;
  record: { type: string; id: string; name: string; bidId: string | null } | null;
}

describe('officers browse the audit trail', () => {
  let t: TestApp;
  let officer: Client;
  let grant: { id: string; bidId: string; reference: string };
  const trail = async (query: string) => {
    const response = await officer.get(`/api/admin/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { events: Event[] }).events;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
    grant = t.app.db.get<{ id: string; bidId: string; reference: string }>(
      sql`select g.id, g.bid_id as "bidId", b.reference from grants g join bids b on b.id = g.bid_id
          where exists (select 1 from audit_events e where e.entity_type = 'grant' and e.entity_id = g.id)
          order by b.reference limit 1`,
    );
  });
  afterAll(async () => t.close());

  it('filters by a grant, by its bid’s reference or its id, naming the grant for its link', async () => {
    for (const value of [grant.reference, grant.reference.toLowerCase(), grant.id]) {
      const events = await trail(`grant=${encodeURIComponent(value)}`);
      expect(events.length, value).toBeGreaterThan(0);
      for (const e of events) {
        expect(e).toMatchObject({ entityType: 'grant', entityId: grant.id });
        expect(e.record).toMatchObject({ type: 'grant', id: grant.id, bidId: grant.bidId });
        expect(e.record?.name).toBe(`the grant for bid ${grant.reference}`);
      }
    }
  });

  it('filters by a bid, as its History link does, and by its reference', async () => {
    const byId = await trail(`entityType=bid&entityId=${grant.bidId}`);
    const byReference = await trail(`record=${grant.reference}`);
    expect(byId.length).toBeGreaterThan(0);
    expect(byReference).toEqual(byId);
    expect(byId.map((e) => e.action)).toContain('bid.awarded');
    for (const e of byId) expect(e.record).toMatchObject({ type: 'bid', id: grant.bidId });
  });

  it('filters by a person and by London days', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const adminId = (await admin.get('/api/auth/me')).json().id as string;
    const events = await trail('person=admin%40demo.test');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.actorId).toBe(adminId);
    const day = '2019-07-15';
    const onThatDay = await trail(`from=${day}&to=${day}`);
    expect(onThatDay.length).toBeGreaterThan(0);
    for (const e of onThatDay)
      expect(e.at >= '2019-07-14T23:00:00.000Z' && e.at < '2019-07-15T23:00:00.000Z').toBe(true);
  });

  it('says on the field when no grant has that reference, changing nothing', async () => {
    const refused = await refusedChangingNothing(
      t.app,
      () => officer.get('/api/admin/audit?grant=PCF-1999-0000'),
      400,
    );
    expect(refused.fields).toEqual({ grant: 'No grant has this bid reference or id' });
  });

  it('keeps the trail from applicants and assessors (403)', async () => {
    for (const email of ['applicant@demo.test', 'assessor@demo.test']) {
      const client = await signedIn(t.app, email);
      expectError(await client.get(`/api/admin/audit?grant=${grant.reference}`), 403, 'forbidden');
    }
  });
});
