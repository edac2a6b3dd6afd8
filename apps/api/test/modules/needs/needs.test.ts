import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyRefs, journeyRefs, saveSection, startBid } from '../../builders/bids.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  lastAuditId,
  organisationIdOf,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';

interface Need {
  id: string;
  wardId: string;
  wardName: string;
  title: string;
  description: string;
  source: string;
  sourceDetail: string | null;
  identifiedOn: string;
}

describe('the project bank of neighbourhood needs', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let officer: Client;
  let wards: { id: string; name: string }[];
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    officer = await signedIn(t.app, 'officer@demo.test');
    wards = (await new Client(t.app).get('/api/reference')).json().wards;
  });
  afterAll(async () => t.close());

  const wardId = (name: string) => wards.find((w) => w.name === name)?.id ?? '';
  const list = async (query = '') => {
    const response = await new Client(t.app).get(`/api/needs${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().needs as Need[];
  };
  const need = (overrides: Record<string, unknown> = {}) => ({
    wardId: wardId('Park'),
    title: 'Somewhere for teenagers to go on Friday nights',
    description:
      'Young people in Park ward said there is nowhere safe and free to meet friends on Friday evenings.',
    source: 'community_consultation',
    sourceDetail: 'Park ward youth forum, 22 young people',
    identifiedOn: '2019-02-01',
    ...overrides,
  });

  it('shows every need to anyone, without signing in, with its ward', async () => {
    const needs = await list();
    expect(needs).toHaveLength(6);
    expect(needs.map((n) => n.title)).toContain('Places for women from different communities to meet');
    for (const n of needs) expect(n.wardName).toBe(wards.find((w) => w.id === n.wardId)?.name);
  });

  it('filters the needs by ward', async () => {
    const millfield = await list(`?wardId=${wardId('Millfield and New England')}`);
    expect(millfield.map((n) => n.title)).toEqual(['Places for women from different communities to meet']);
    expect(await list(`?wardId=${wardId('Barnack')}`)).toEqual([]);
    expect(await list(`?wardId=${crypto.randomUUID()}`)).toEqual([]);
  });

  it('refuses a ward filter that is not an id, and unknown filters', async () => {
    expectError(await new Client(t.app).get('/api/needs?wardId=Park'), 400, 'validation_failed');
    expectError(await new Client(t.app).get('/api/needs?colour=red'), 400, 'validation_failed');
  });

  it('lets an officer record a need (201), which is audited, listed under its ward, and can be linked from a bid', async () => {
    const since = lastAuditId(t.app);
    const response = await officer.post('/api/needs', need({ title: '  Somewhere for teenagers  ' }));
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as Need;
    expect(created).toMatchObject({
      wardId: wardId('Park'),
      wardName: 'Park',
      title: 'Somewhere for teenagers',
      source: 'community_consultation',
      identifiedOn: '2019-02-01',
    });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'need.recorded',
        entityId: created.id,
        actorId: userIdOf(t.app, 'officer@demo.test'),
      }),
    ]);
    expect((await list(`?wardId=${wardId('Park')}`)).map((n) => n.id)).toContain(created.id);

    // Applicants can point to it as evidence for their bid.
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const bidId = await startBid(amina, refs, organisationIdOf(t.app, 'Millfield Community Kitchen'));
    const evidence = await saveSection(amina, bidId, 'evidence', {
      evidence: 'The youth forum asked for it.',
      needIds: [created.id],
    });
    expect(evidence.statusCode, evidence.body).toBe(200);
  });

  it('lets an admin record a need too', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    expect((await admin.post('/api/needs', need({ title: 'Recorded by the admin' }))).statusCode).toBe(201);
  });

  it('stores an empty "where it came from" as nothing', async () => {
    const response = await officer.post('/api/needs', need({ title: 'No detail', sourceDetail: '  ' }));
    expect(response.json().sourceDetail).toBeNull();
  });

  it.each(['applicant@demo.test', 'finance@demo.test', 'assessor@demo.test'])(
    'refuses %s with 403, recording nothing but the refusal',
    async (email) => {
      const client = await signedIn(t.app, email);
      const { audit_events: _, ...before } = snapshotDatabase(t.app);
      const since = lastAuditId(t.app);
      expectError(await client.post('/api/needs', need()), 403, 'forbidden');
      const { audit_events: __, ...after } = snapshotDatabase(t.app);
      expect(after).toEqual(before);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['access.denied']);
    },
  );

  it('asks someone not signed in to sign in, recording nothing', async () => {
    const before = snapshotDatabase(t.app);
    expectError(await new Client(t.app).post('/api/needs', need()), 401, 'unauthenticated');
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses an empty need field by field, recording nothing', async () => {
    const before = snapshotDatabase(t.app);
    const error = expectError(await officer.post('/api/needs', {}), 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'description',
      'identifiedOn',
      'source',
      'title',
      'wardId',
    ]);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it.each([
    ['wardId', { wardId: 'Park' }],
    ['title', { title: 't'.repeat(121) }],
    ['title', { title: '   ' }],
    ['description', { description: Array.from({ length: 201 }, () => 'word').join(' ') }],
    ['source', { source: 'rumour' }],
    ['sourceDetail', { sourceDetail: 's'.repeat(201) }],
    ['identifiedOn', { identifiedOn: '2019-13-01' }],
    ['identifiedOn', { identifiedOn: '1 February 2019' }],
  ])('refuses a bad %s (%j) on that field, recording nothing', async (field, overrides) => {
    const before = snapshotDatabase(t.app);
    const error = expectError(await officer.post('/api/needs', need(overrides)), 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses a ward that does not exist, recording nothing', async () => {
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await officer.post('/api/needs', need({ wardId: crypto.randomUUID() })),
      400,
      'validation_failed',
    );
    expect(error.fields).toEqual({ wardId: 'Choose a ward from the list' });
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('lets an officer correct a need, but not an applicant', async () => {
    const created = (await officer.post('/api/needs', need({ title: 'Typo in the titel' }))).json() as Need;
    const fixed = await officer.put(`/api/needs/${created.id}`, need({ title: 'Typo in the title' }));
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().title).toBe('Typo in the title');
    const amina = await signedIn(t.app, 'applicant@demo.test');
    expectError(await amina.put(`/api/needs/${created.id}`, need({ title: 'Vandalised' })), 403, 'forbidden');
    expect((await list()).find((n) => n.id === created.id)?.title).toBe('Typo in the title');
    expectError(await officer.put(`/api/needs/${crypto.randomUUID()}`, need()), 404, 'not_found');
  });
});
