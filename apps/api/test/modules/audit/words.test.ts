import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { bidIdOf, userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

interface Event {
  id: number;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string | null;
  sentence: string;
  phrase: string;
  actorLabel: string;
  record: { type: string; id: string; name: string; bidId: string | null } | null;
  kind: string;
  before: unknown;
  after: unknown;
}

/**
 * The admins' audit trail in words, with filters and a CSV export (item 19 of issue 9); the raw
 * entry (before, after, reason) stays in each answer.
 */
describe('the audit trail in words (GET /api/admin/audit)', () => {
  let t: TestApp;
  let admin: Client;
  let robertId: string;
  const trail = async (query = '') => {
    const response = await admin.get(`/api/admin/audit${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { events: Event[]; nextBefore: number | null };
  };

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    t.clock.set('2030-03-04T10:00:00.000Z');
    admin = await signedIn(t.app, 'admin@demo.test');
    robertId = userIdOf(t.app, 'finance2@demo.test');
    const granted = await admin.post(`/api/admin/users/${robertId}/roles`, { role: 'officer', fundId: null });
    expect(granted.statusCode, granted.body).toBe(201);
    t.clock.set('2030-03-05T10:00:00.000Z');
    // A day later: the session has ended long since, so the admin signs in again.
    admin = await signedIn(t.app, 'admin@demo.test');
    const grant = (granted.json().roles as { id: string; role: string }[]).find((r) => r.role === 'officer');
    const revoked = await admin.delete(`/api/admin/users/${robertId}/roles/${grant?.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('says who did what to which record, in words, keeping the raw entry', async () => {
    const { events } = await trail(`?entityType=user&entityId=${robertId}`);
    const [revoked, granted] = events;
    expect(revoked).toMatchObject({
      action: 'user.role_revoked',
      actorLabel: 'Alex Morgan',
      sentence: 'Alex Morgan removed the grants officer role from Robert Kowalski',
      phrase: 'removed the grants officer role from {record}',
      record: { type: 'user', id: robertId, name: 'Robert Kowalski', bidId: null },
      kind: 'user',
      before: expect.objectContaining({ role: 'officer' }),
    });
    expect(granted?.sentence).toBe('Alex Morgan gave Robert Kowalski the grants officer role');
  });

  it('names a bid by its reference, and the service itself where nobody acted', async () => {
    const bidId = bidIdOf(t.app, 'Welcome Table Supper Club');
    const { events } = await trail(`?entityType=bid&entityId=${bidId}`);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.record).toMatchObject({
        type: 'bid',
        id: bidId,
        name: expect.stringMatching(/^bid [A-Z]+-/),
      });
      expect(event.sentence).not.toMatch(/[{}]/);
    }
  });

  it('filters by person (their email address), refusing an address nobody has (400 on person)', async () => {
    const { events } = await trail('?person=ADMIN@demo.test');
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([userIdOf(t.app, 'admin@demo.test')]));
    const error = expectError(await admin.get('/api/admin/audit?person=nobody@example.org'), 400);
    expect(error.fields).toEqual({ person: 'There is no one with this email address' });
  });

  it('filters by record: a bid’s reference, or any record’s id', async () => {
    const bidId = bidIdOf(t.app, 'Welcome Table Supper Club');
    const byId = await trail(`?record=${bidId}`);
    const reference = byId.events[0]?.record?.name.replace(/^bid /, '') ?? '';
    const byReference = await trail(`?record=${encodeURIComponent(reference.toLowerCase())}`);
    expect(byReference.events.map((e) => e.id)).toEqual(byId.events.map((e) => e.id));
    expect(new Set(byId.events.map((e) => e.entityId))).toEqual(new Set([bidId]));
    const error = expectError(await admin.get('/api/admin/audit?record=PCF-1999-9999'), 400);
    expect(error.fields).toEqual({ record: 'No bid has this reference, and no record this id' });
  });

  it('filters by kind of action, refusing a kind there is not (400 on kind)', async () => {
    const { events } = await trail('?kind=user');
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.action).toMatch(/^user\./);
    expect(
      Object.keys(expectError(await admin.get('/api/admin/audit?kind=payments'), 400).fields ?? {}),
    ).toEqual(['kind']);
  });

  it('filters by dates, whole London days, from and to; refuses a start after the end (400)', async () => {
    const onFourth = await trail('?from=2030-03-04&to=2030-03-04&kind=user');
    expect(onFourth.events.map((e) => e.action)).toEqual(['user.role_granted']);
    const fromFifth = await trail('?from=2030-03-05&kind=user');
    expect(fromFifth.events.map((e) => e.action)).toEqual(['user.role_revoked']);
    const untilThird = await trail(`?to=2030-03-03&kind=user&entityType=user&entityId=${robertId}`);
    expect(untilThird.events).toEqual([]);
    const backwards = expectError(await admin.get('/api/admin/audit?from=2030-03-05&to=2030-03-04'), 400);
    expect(backwards.fields).toEqual({ to: 'The end date must be the same as or after the start date' });
    expect(
      Object.keys(expectError(await admin.get('/api/admin/audit?from=2030-02-30'), 400).fields ?? {}),
    ).toEqual(['from']);
  });

  it('exports what the filters match as CSV: in words, formula-safe, with the raw entry', async () => {
    const invited = await admin.post('/api/admin/users', {
      name: '=HYPERLINK("http://evil.example")',
      email: 'formula@example.org',
      role: 'finance',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const response = await admin.get('/api/admin/audit.csv?kind=user&person=admin@demo.test');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="audit-trail.*\.csv"/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"When","Who","What","Kind","Record","Record type","Record id","Reason","Before","After","Refusals","Action","Event id"',
    );
    expect(
      lines.some((l) => l.includes('"Alex Morgan removed the grants officer role from Robert Kowalski"')),
    ).toBe(true);
    const invitation = lines.find((l) => l.includes('invited'));
    expect(invitation).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(invitation).not.toMatch(/,"=HYPERLINK/);
  });

  it('lets only officers and admins read the trail, and only admins export it (403), changing nothing', async () => {
    // Officers browse the trail read-only (decision 0026); the export stays with admins.
    const officer = await signedIn(t.app, 'officer@demo.test');
    expect((await officer.get('/api/admin/audit?kind=user')).statusCode).toBe(200);
    await refusedChangingNothing(t.app, () => officer.get('/api/admin/audit.csv'), 403);
    const finance = await signedIn(t.app, 'finance@demo.test');
    await refusedChangingNothing(t.app, () => finance.get('/api/admin/audit?kind=user'), 403);
    await refusedChangingNothing(t.app, () => finance.get('/api/admin/audit.csv'), 403);
  });
});
