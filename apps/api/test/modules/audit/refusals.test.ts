import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';

interface AuditEventView {
  id: number;
  action: string;
  actorId: string | null;
  after: { method: string; url: string; permission: string } | null;
  refusals: number | null;
}

/**
 * Refused requests are audited without letting one address flood the trail: at most one
 * access.denied row per address, person and permission a minute, carrying how many refusals it
 * stands for.
 */
describe('auditing refused requests', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    // The per-address request ceiling is not what is tested here: keep it out of the way.
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await signedIn(t.app, 'admin@demo.test', '10.0.0.1');
  });
  afterAll(async () => t.close());

  /** The access.denied events written after `since`, as the admins' audit page shows them. */
  async function deniedSince(since: number): Promise<AuditEventView[]> {
    const events = (await admin.get('/api/admin/audit')).json().events as AuditEventView[];
    return events.filter((e) => e.id > since && e.action === 'access.denied').reverse();
  }

  it('writes one row for a burst of 500 refusals of one thing from one address, counting all 500', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test', '10.0.0.2');
    const since = lastAuditId(t.app);
    for (let i = 0; i < 500; i++) {
      expectError(await amina.get('/api/admin/users'), 403, 'forbidden');
    }
    const rows = auditSince(t.app, since);
    expect(rows.map((r) => r.action)).toEqual(['access.denied']);
    const [denied] = await deniedSince(since);
    expect(denied).toMatchObject({
      actorId: userIdOf(t.app, 'applicant@demo.test'),
      after: { method: 'GET', url: '/api/admin/users', permission: 'users.manage' },
      refusals: 500,
    });
  });

  it('still records each distinct refusal in a burst: another permission, another address, another person', async () => {
    const tomas = await signedIn(t.app, 'applicant2@demo.test', '10.0.1.1');
    const tomasElsewhere = await signedIn(t.app, 'applicant2@demo.test', '10.0.1.2');
    const assessor = await signedIn(t.app, 'assessor@demo.test', '10.0.1.1');
    const since = lastAuditId(t.app);
    const kinds: [Client, string][] = [
      [tomas, '/api/admin/users'],
      [tomas, '/api/mail'],
      [tomas, '/api/admin/audit'],
      [tomasElsewhere, '/api/admin/users'],
      [assessor, '/api/admin/users'],
    ];
    for (let i = 0; i < 100; i++) {
      for (const [client, url] of kinds) expectError(await client.get(url), 403, 'forbidden');
    }
    const denied = await deniedSince(since);
    expect(auditSince(t.app, since)).toHaveLength(kinds.length);
    expect(denied.map((e) => [e.actorId, e.after?.url, e.after?.permission, e.refusals])).toEqual([
      [userIdOf(t.app, 'applicant2@demo.test'), '/api/admin/users', 'users.manage', 100],
      [userIdOf(t.app, 'applicant2@demo.test'), '/api/mail', 'mail.read', 100],
      [userIdOf(t.app, 'applicant2@demo.test'), '/api/admin/audit', 'audit.browse', 100],
      [userIdOf(t.app, 'applicant2@demo.test'), '/api/admin/users', 'users.manage', 100],
      [userIdOf(t.app, 'assessor@demo.test'), '/api/admin/users', 'users.manage', 100],
    ]);
    const addresses = t.app.db
      .all<{ ip: string }>(sql`select ip from audit_events where id > ${since} order by id`)
      .map((r) => r.ip);
    expect(addresses).toEqual(['10.0.1.1', '10.0.1.1', '10.0.1.1', '10.0.1.2', '10.0.1.1']);
  });

  it('records the same refusal again once the minute is over, in a new row', async () => {
    const finance = await signedIn(t.app, 'finance@demo.test', '10.0.2.1');
    const since = lastAuditId(t.app);
    for (let i = 0; i < 3; i++) expectError(await finance.get('/api/admin/users'), 403);
    t.clock.advance(59_000);
    expectError(await finance.get('/api/admin/users'), 403);
    t.clock.advance(2_000);
    for (let i = 0; i < 2; i++) expectError(await finance.get('/api/admin/users'), 403);
    const denied = await deniedSince(since);
    expect(denied.map((e) => e.refusals)).toEqual([4, 2]);
  });

  it('counts refusals that answer 404 (another group’s bid) the same way', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test', '10.0.3.1');
    const bidId = t.app.db.get<{ id: string }>(
      sql`select id from bids where title = 'Vytis Summer Camp'`,
    )?.id;
    const since = lastAuditId(t.app);
    for (let i = 0; i < 50; i++) expectError(await amina.get(`/api/bids/${bidId}`), 404, 'not_found');
    const denied = await deniedSince(since);
    expect(denied.map((e) => [e.after?.permission, e.refusals])).toEqual([['bid.read', 50]]);
  });

  it('keeps the counts as part of the trail: the database lets a count only go up, and deletes none', async () => {
    const rows = () => t.app.db.all(sql`select * from audit_refusals order by audit_event_id`);
    const before = rows();
    expect(before.length).toBeGreaterThan(0);
    for (const change of [
      sql`update audit_refusals set count = count - 1`,
      sql`update audit_refusals set permission = 'bid.read'`,
      sql`update audit_refusals set ip = '10.9.9.9'`,
      sql`update audit_refusals set first_at = '2000-01-01T00:00:00.000Z'`,
      sql`delete from audit_refusals`,
    ]) {
      expect(() => t.app.db.run(change)).toThrow();
    }
    expect(rows()).toEqual(before);
  });

  it('leaves every other event without a count', async () => {
    const events = (await admin.get('/api/admin/audit')).json().events as AuditEventView[];
    expect(events.filter((e) => e.action !== 'access.denied').every((e) => e.refusals === null)).toBe(true);
  });
});
