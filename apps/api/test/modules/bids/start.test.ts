import { ELIGIBILITY_QUESTIONS, formatDateTime } from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyRefs, journeyRefs } from '../../builders/bids.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  lastAuditId,
  organisationIdOf,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';

const whyNo = (id: string) => ELIGIBILITY_QUESTIONS.find((q) => q.id === id)?.whyNo;

describe('starting a bid: the eligibility check', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
  });
  afterAll(async () => t.close());

  const start = (eligibility: Record<string, unknown>, organisationId = kitchenId, client = amina) =>
    client.post('/api/bids', { fundId: refs.fundId, organisationId, eligibility });

  it('starts a draft for the group, keeps the answers with it and records who started it', async () => {
    const since = lastAuditId(t.app);
    const response = await start(ELIGIBLE);
    expect(response.statusCode, response.body).toBe(201);
    const bid = response.json();
    expect(bid).toMatchObject({
      status: 'draft',
      fundId: refs.fundId,
      organisationId: kitchenId,
      organisationName: 'Millfield Community Kitchen',
      reference: null,
      submittedAt: null,
      amountRequestedPence: 0,
      eligibility: ELIGIBLE,
      requiredAttachments: ['governing_document', 'accounts'],
      attachments: [],
      permissions: { edit: true, submit: false, withdraw: true, return: false },
    });
    expect(bid.sections).toHaveLength(10);
    expect(
      bid.sections.every((s: { version: number; data: unknown }) => s.version === 0 && s.data === null),
    ).toBe(true);
    expect(bid.submitProblems.length).toBeGreaterThan(0);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'bid.started',
        entityId: bid.id,
        actorId: userIdOf(t.app, 'applicant@demo.test'),
        after: expect.objectContaining({ eligibility: ELIGIBLE }),
      }),
    ]);
    // It is on the group's list, and survives a fresh sign-in.
    const later = await signedIn(t.app, 'applicant@demo.test');
    expect((await later.get(`/api/bids/${bid.id}`)).json().eligibility).toEqual(ELIGIBLE);
  });

  it('asks for the safeguarding policy as a document when the project works with people at risk', async () => {
    const response = await start({ ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'yes' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().requiredAttachments).toEqual([
      'governing_document',
      'accounts',
      'safeguarding_policy',
    ]);
  });

  it.each([
    'basedInPeterborough',
    'constituted',
    'bankAccount',
    'notForProfit',
    'withinCap',
    'withinDelivery',
  ])('refuses a "no" to %s with 400 on eligibility.%s, explaining why, and creates nothing', async (id) => {
    const before = snapshotDatabase(t.app);
    const error = expectError(await start({ ...ELIGIBLE, [id]: 'no' }), 400, 'validation_failed');
    expect(error.fields).toEqual({ [`eligibility.${id}`]: whyNo(id) });
    expect(error.message).toMatch(/cannot apply/);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('names every "no" that matters at once', async () => {
    const error = expectError(
      await start({ ...ELIGIBLE, constituted: 'no', bankAccount: 'no' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'eligibility.bankAccount',
      'eligibility.constituted',
    ]);
  });

  it('refuses work with people at risk without a safeguarding policy, and asks when the answer is missing', async () => {
    const before = snapshotDatabase(t.app);
    const without = expectError(
      await start({ ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'no' }),
      400,
      'validation_failed',
    );
    expect(without.fields).toEqual({ 'eligibility.safeguardingPolicy': whyNo('safeguardingPolicy') });
    const missing = expectError(
      await start({ ...ELIGIBLE, worksWithAtRisk: 'yes' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(missing.fields ?? {})).toEqual(['eligibility.safeguardingPolicy']);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('does not ask for a safeguarding policy when the project does not work with people at risk', async () => {
    const response = await start({ ...ELIGIBLE, worksWithAtRisk: 'no', safeguardingPolicy: 'no' });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses answers that are missing or not yes/no, field by field', async () => {
    const before = snapshotDatabase(t.app);
    const { constituted: _, ...withoutOne } = ELIGIBLE;
    const error = expectError(await start({ ...withoutOne, bankAccount: 'maybe', extra: 'yes' }), 400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'eligibility.bankAccount',
      'eligibility.constituted',
      'eligibility.extra',
    ]);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses a bid for another group’s organisationId with 403, audits it and creates nothing', async () => {
    const vytisId = organisationIdOf(t.app, 'Basketball Club Vytis');
    const before = snapshotDatabase(t.app);
    const since = lastAuditId(t.app);
    expectError(await start(ELIGIBLE, vytisId), 403, 'forbidden');
    const after = snapshotDatabase(t.app);
    expect(after.bids).toEqual(before.bids);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'access.denied', actorId: userIdOf(t.app, 'applicant@demo.test') }),
    ]);
    expect(after.audit_events).toHaveLength((before.audit_events?.length ?? 0) + 1);
  });

  it('answers a group that does not exist exactly as another group, so group ids cannot be probed', async () => {
    const before = snapshotDatabase(t.app);
    const missing = expectError(await start(ELIGIBLE, crypto.randomUUID()), 403, 'forbidden');
    const foreign = expectError(
      await start(ELIGIBLE, organisationIdOf(t.app, 'Basketball Club Vytis')),
      403,
      'forbidden',
    );
    expect(missing).toEqual(foreign);
    expect(snapshotDatabase(t.app).bids).toEqual(before.bids);
  });

  it('does not let grants staff start a bid for a group', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const before = snapshotDatabase(t.app).bids;
    expectError(await start(ELIGIBLE, kitchenId, officer), 403, 'forbidden');
    expect(snapshotDatabase(t.app).bids).toEqual(before);
  });

  it('answers 404 for a fund that does not exist', async () => {
    const response = await amina.post('/api/bids', {
      fundId: crypto.randomUUID(),
      organisationId: kitchenId,
      eligibility: ELIGIBLE,
    });
    expectError(response, 404, 'not_found');
  });
});

describe('starting a bid when the fund has closed', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
  });
  afterAll(async () => t.close());

  it('starts a bid a minute before the close, and refuses from the closing time on with 409 naming it', async () => {
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    const body = { fundId: refs.fundId, organisationId: kitchenId, eligibility: ELIGIBLE };
    t.clock.set(new Date(Date.parse(refs.closesAt) - 60_000));
    const amina = await signedIn(t.app, 'applicant@demo.test');
    expect((await amina.post('/api/bids', body)).statusCode).toBe(201);

    t.clock.advance(60_000);
    const before = snapshotDatabase(t.app);
    const error = expectError(await amina.post('/api/bids', body), 409, 'invalid_state');
    expect(error.message).toBe(`This fund closed at ${formatDateTime(refs.closesAt)}`);
    expect(error.message).toMatch(/^This fund closed at 5pm on \d{1,2} \w+ \d{4}$/);
    expect(snapshotDatabase(t.app)).toEqual(before);

    t.clock.advance(30 * 86_400_000);
    const later = await signedIn(t.app, 'applicant@demo.test');
    expectError(await later.post('/api/bids', body), 409, 'invalid_state');
  });
});
