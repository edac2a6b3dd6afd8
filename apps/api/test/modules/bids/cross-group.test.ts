import { MAX_PAGE_SIZE, REFUSAL_AUDIT_WINDOW_SECONDS } from '@cf/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSectionData, type JourneyRefs, journeyRefs } from '../../builders/bids.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { auditSince, bidIdOf, lastAuditId, snapshotDatabase, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { postMultipart, testFiles } from '../../support/files.js';

describe('one group reaching for another group’s bid by changing the id in the address', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let tomas: Client;
  let draftId: string;
  let sentId: string;
  let documentId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    tomas = await signedIn(t.app, 'applicant2@demo.test');
    draftId = bidIdOf(t.app, 'Cook and Share');
    sentId = bidIdOf(t.app, 'Welcome Table Supper Club');
    const sent = (await amina.get(`/api/bids/${sentId}`)).json();
    documentId = sent.attachments[0].id;
  });
  afterAll(async () => t.close());

  /** What someone might try: a name, the address (with another group's id in it) and the request. */
  type Attempt = [name: string, url: () => string, send: (url: string) => Promise<LightMyRequestResponse>];
  const ATTEMPTS: Attempt[] = [
    ['reading the draft', () => `/api/bids/${draftId}`, (url) => tomas.get(url)],
    ['reading the sent bid', () => `/api/bids/${sentId}`, (url) => tomas.get(url)],
    ['reading the timeline', () => `/api/bids/${sentId}/timeline`, (url) => tomas.get(url)],
    [
      'saving a section',
      () => `/api/bids/${draftId}/sections/about`,
      (url) => tomas.put(url, { baseVersion: 1, complete: true, data: completeSectionData(refs).about }),
    ],
    [
      'saving a new section',
      () => `/api/bids/${draftId}/sections/budget`,
      (url) => tomas.put(url, { baseVersion: 0, complete: false, data: {} }),
    ],
    [
      'uploading a document',
      () => `/api/bids/${draftId}/attachments`,
      (url) =>
        postMultipart(tomas, url, [
          { name: 'kind', value: 'other' },
          { name: 'file', filename: 'x.pdf', content: testFiles.pdf() },
        ]),
    ],
    [
      'downloading a document',
      () => `/api/bids/${sentId}/attachments/${documentId}`,
      (url) => tomas.get(url),
    ],
    [
      'removing a document',
      () => `/api/bids/${sentId}/attachments/${documentId}`,
      (url) => tomas.delete(url),
    ],
    ['sending the draft', () => `/api/bids/${draftId}/submit`, (url) => tomas.post(url)],
    [
      'withdrawing the sent bid',
      () => `/api/bids/${sentId}/withdraw`,
      (url) => tomas.post(url, { reason: 'Mischief' }),
    ],
    [
      'returning the sent bid',
      () => `/api/bids/${sentId}/return`,
      (url) => tomas.post(url, { message: 'Mischief' }),
    ],
  ];

  it.each(ATTEMPTS)(
    'answers 404 to %s, changes nothing, and writes access.denied to the audit trail',
    async (_, address, send) => {
      const url = address();
      // A minute after the last attempt, so this refusal gets a row of its own (refusals of one
      // permission by one person from one address within a minute share a row: audit/service.ts).
      t.clock.advance(REFUSAL_AUDIT_WINDOW_SECONDS * 1000);
      const { audit_events: _before, ...before } = snapshotDatabase(t.app);
      const since = lastAuditId(t.app);
      const response = await send(url);
      const error = expectError(response, 404, 'not_found');
      expect(error.message).toBe('Page not found');
      expect(response.body).not.toMatch(/Millfield|Cook and Share|Welcome Table|Amina/);
      const { audit_events: _after, ...after } = snapshotDatabase(t.app);
      expect(after).toEqual(before);
      expect(auditSince(t.app, since)).toEqual([
        expect.objectContaining({
          action: 'access.denied',
          actorId: userIdOf(t.app, 'applicant2@demo.test'),
          after: expect.objectContaining({ url }),
        }),
      ]);
    },
  );

  it('answers a bid that is another group’s exactly as one that does not exist', async () => {
    const hidden = await tomas.get(`/api/bids/${draftId}`);
    const missing = await tomas.get(`/api/bids/${crypto.randomUUID()}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    const hiddenSave = await tomas.put(`/api/bids/${draftId}/sections/about`, {
      baseVersion: 0,
      complete: false,
      data: {},
    });
    const missingSave = await tomas.put(`/api/bids/${crypto.randomUUID()}/sections/about`, {
      baseVersion: 0,
      complete: false,
      data: {},
    });
    expect(hiddenSave.body).toBe(missingSave.body);
    const hiddenSubmit = await tomas.post(`/api/bids/${draftId}/submit`);
    const missingSubmit = await tomas.post(`/api/bids/${crypto.randomUUID()}/submit`);
    expect(hiddenSubmit.body).toBe(missingSubmit.body);
  });

  it('keeps the groups apart the other way round too', async () => {
    const vytisDraft = bidIdOf(t.app, 'Vytis Summer Camp');
    const { audit_events: _, ...before } = snapshotDatabase(t.app);
    const since = lastAuditId(t.app);
    // A minute apart, so each refusal gets a row of its own (see above).
    const aMinuteLater = () => t.clock.advance(REFUSAL_AUDIT_WINDOW_SECONDS * 1000);
    expectError(await amina.get(`/api/bids/${vytisDraft}`), 404);
    aMinuteLater();
    expectError(
      await amina.put(`/api/bids/${vytisDraft}/sections/about`, {
        baseVersion: 1,
        complete: false,
        data: {},
      }),
      404,
    );
    aMinuteLater();
    expectError(await amina.post(`/api/bids/${vytisDraft}/withdraw`, { reason: 'Mischief' }), 404);
    const { audit_events: __, ...after } = snapshotDatabase(t.app);
    expect(after).toEqual(before);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'access.denied',
      'access.denied',
      'access.denied',
    ]);
  });

  it('lists only the bids of an applicant’s own groups', async () => {
    const mine = (await amina.get('/api/bids')).json().bids as { title: string; organisationName: string }[];
    expect(mine.map((b) => b.title).sort()).toEqual([
      'Cook and Share',
      'Family Fun Days',
      'Welcome Table Supper Club',
    ]);
    const theirs = (await tomas.get('/api/bids')).json().bids as {
      title: string;
      organisationName: string;
    }[];
    // Basketball Club Vytis's draft, and its 2019 grant (one of the demo's 19 awards).
    expect(theirs.map((b) => b.title)).toEqual(['Vytis Summer Camp', 'Basketball for All']);
    expect(new Set(theirs.map((b) => b.organisationName))).toEqual(new Set(['Basketball Club Vytis']));
    // Filters cannot widen the list: other groups' sent and awarded bids stay out of it.
    const filtered = (await tomas.get('/api/bids?status=submitted')).json().bids;
    expect(filtered).toEqual([]);
    const awarded = (await tomas.get('/api/bids?status=awarded')).json().bids as { title: string }[];
    expect(awarded.map((b) => b.title)).toEqual(['Basketball for All']);
  });

  it.each(['officer@demo.test', 'finance@demo.test', 'admin@demo.test'])(
    'lists every group’s bids for grants staff (%s), with filters',
    async (email) => {
      const staff = await signedIn(t.app, email);
      // The list comes a page at a time (paging.ts): the largest page holds every demo bid.
      const list = (await staff.get(`/api/bids?pageSize=${MAX_PAGE_SIZE}`)).json() as {
        bids: { id: string }[];
        total: number;
      };
      const all = list.bids;
      const total = t.app.db.get<{ n: number }>(sql`select count(*) as n from bids`)?.n;
      expect(list.total).toBe(total);
      expect(all).toHaveLength(total);
      expect(all.map((b) => b.id)).toEqual(
        expect.arrayContaining([draftId, sentId, bidIdOf(t.app, 'Vytis Summer Camp')]),
      );
      const sent = (await staff.get('/api/bids?status=submitted')).json().bids as {
        id: string;
        status: string;
      }[];
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((b) => b.status === 'submitted')).toBe(true);
    },
  );

  it('lists nothing for an assessor who belongs to no group', async () => {
    const assessor = await signedIn(t.app, 'assessor@demo.test');
    expect((await assessor.get('/api/bids')).json().bids).toEqual([]);
  });

  it('refuses a list filter that is not a status, and asks someone not signed in to sign in', async () => {
    expectError(await amina.get('/api/bids?status=everything'), 400, 'validation_failed');
    expectError(await new Client(t.app).get('/api/bids'), 401, 'unauthenticated');
  });
});
