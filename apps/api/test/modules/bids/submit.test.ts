import { formatDateTime, isoToLondonLocal } from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCompleteBid,
  completeSectionData,
  type JourneyRefs,
  journeyRefs,
  saveSection,
  startBid,
  uploadDocument,
} from '../../builders/bids.js';
import { newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  lastAuditId,
  organisationIdOf,
  outboxMessages,
  snapshotDatabase,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

/** The last reference number used for a fund in the year (London time) of `now`, read from the database. */
function lastReferenceNumber(t: TestApp, fundId: string): { year: number; last: number } {
  const year = Number(isoToLondonLocal(t.clock.now().toISOString()).slice(0, 4));
  const row = t.app.db.get<{ last: number } | undefined>(
    sql`select last from reference_counters where fund_id = ${fundId} and year = ${year}`,
  );
  return { year, last: row?.last ?? 0 };
}

const reference = (year: number, n: number) => `PCF-${year}-${String(n).padStart(4, '0')}`;

describe('sending a bid', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let bilal: Client;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    // The group has two members, so each gets the confirmation.
    bilal = await newGroupMember(t.app, amina, kitchenId, 'bilal@example.org', 'Bilal Rahman');
  });
  afterAll(async () => t.close());

  /** Expects the submit to be refused as not ready (400), changing nothing; returns the fields. */
  async function notReady(bidId: string): Promise<Record<string, string>> {
    const before = snapshotDatabase(t.app);
    const error = expectError(await amina.post(`/api/bids/${bidId}/submit`), 400, 'validation_failed');
    expect(error.message).toBe('Your bid is not ready to send yet');
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect((await amina.get(`/api/bids/${bidId}`)).json()).toMatchObject({
      status: 'draft',
      reference: null,
    });
    return error.fields ?? {};
  }

  it('refuses a bid with sections missing or only drafted, naming each section, and leaves it a draft', async () => {
    const bidId = await startBid(amina, refs, kitchenId);
    const data = completeSectionData(refs);
    await saveSection(amina, bidId, 'about', data.about ?? {});
    await saveSection(amina, bidId, 'risks', data.risks ?? {}, { complete: false });
    const fields = await notReady(bidId);
    expect(Object.keys(fields).sort()).toEqual(
      [
        'beneficiaries',
        'priorities',
        'bringing_together',
        'evidence',
        'timetable',
        'budget',
        'outcomes',
        'risks',
        'declarations',
        'documents',
      ].sort(),
    );
    expect(fields.risks).toBe('Complete “Risks”');
    expect(fields.budget).toBe('Complete “Budget”');
  });

  it('refuses a bid without the required documents, naming the one missing', async () => {
    const bidId = await startBid(amina, refs, kitchenId);
    for (const [key, data] of Object.entries(completeSectionData(refs)))
      await saveSection(amina, bidId, key, data);
    expect(await notReady(bidId)).toEqual({ documents: 'Upload your governing document' });
    await uploadDocument(amina, bidId, 'governing_document', 'Constitution.pdf', testFiles.pdf());
    expect(await notReady(bidId)).toEqual({ documents: 'Upload your latest accounts or bank statement' });
    // Another kind of document is not the one asked for.
    await uploadDocument(amina, bidId, 'other', 'Letter of support.pdf', testFiles.pdf());
    expect(await notReady(bidId)).toEqual({ documents: 'Upload your latest accounts or bank statement' });
  });

  it('asks for the safeguarding policy when the project works with people at risk', async () => {
    const bidId = await startBid(amina, refs, kitchenId, {
      ...ELIGIBLE,
      worksWithAtRisk: 'yes',
      safeguardingPolicy: 'yes',
    });
    for (const [key, data] of Object.entries(completeSectionData(refs)))
      await saveSection(amina, bidId, key, data);
    await uploadDocument(
      amina,
      bidId,
      'governing_document',
      'Constitution.pdf',
      testFiles.pdf('Constitution'),
    );
    await uploadDocument(amina, bidId, 'accounts', 'Accounts.pdf', testFiles.pdf('Accounts'));
    expect(await notReady(bidId)).toEqual({ documents: 'Upload your safeguarding policy' });
    await uploadDocument(
      amina,
      bidId,
      'safeguarding_policy',
      'Safeguarding.pdf',
      testFiles.pdf('Safeguarding policy'),
    );
    expect((await amina.post(`/api/bids/${bidId}/submit`)).statusCode).toBe(200);
  });

  it('checks complete sections again against the fund’s rules when sending: a budget over a lowered cap is refused', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId, { amountPence: 1_500_000 });
    t.app.db.run(sql`update funds set cap_pence = 1000000 where id = ${refs.fundId}`);
    try {
      const fields = await notReady(bidId);
      expect(Object.keys(fields)).toEqual(['budget']);
      expect(fields.budget).toContain('£15,000');
      expect(fields.budget).toContain('£10,000');
    } finally {
      t.app.db.run(sql`update funds set cap_pence = ${refs.capPence} where id = ${refs.fundId}`);
    }
  });

  it('sends a complete bid: frozen, with the next reference, the time, and an email to every member', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId, { title: 'Saturday Language Café' });
    const { year, last } = lastReferenceNumber(t, refs.fundId);
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app).length;

    const response = await amina.post(`/api/bids/${bidId}/submit`);
    expect(response.statusCode, response.body).toBe(200);
    const sent = response.json();
    const expected = reference(year, last + 1);
    expect(sent).toMatchObject({
      status: 'submitted',
      reference: expected,
      submittedAt: t.clock.now().toISOString(),
      submitProblems: [],
      permissions: { edit: false, submit: false, withdraw: true, return: false },
    });
    expect(sent.reference).toMatch(/^PCF-\d{4}-\d{4}$/);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'bid.submitted',
        entityId: bidId,
        after: expect.objectContaining({
          status: 'submitted',
          reference: expected,
          amountRequestedPence: 500_000,
        }),
      }),
    ]);

    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(mail.map((m) => m.to).sort()).toEqual(['applicant@demo.test', 'bilal@example.org']);
    for (const message of mail) {
      expect(message.kind).toBe('bid_submitted');
      expect(message.subject).toBe(`We have received your bid ${expected}`);
      expect(message.body).toContain(`Your reference is ${expected}`);
      expect(message.body).toContain('Saturday Language Café');
      expect(message.body).toContain('£5,000');
    }
    // Staff see the same messages on the "sent mail" page.
    const officer = await signedIn(t.app, 'officer@demo.test');
    const page = (await officer.get('/api/mail')).json().messages as { to: string; subject: string }[];
    expect(
      page
        .filter((m) => m.subject.includes(expected))
        .map((m) => m.to)
        .sort(),
    ).toEqual(['applicant@demo.test', 'bilal@example.org']);
  });

  it('refuses to send a bid twice (409 naming its state), changing nothing', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    const first = await amina.post(`/api/bids/${bidId}/submit`);
    expect(first.statusCode).toBe(200);
    const before = snapshotDatabase(t.app);
    const error = expectError(await amina.post(`/api/bids/${bidId}/submit`), 409, 'invalid_state');
    expect(error.message).toBe('This bid has already been sent, so it cannot be sent');
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('lets exactly one of two submits at the same moment through, with one reference and one set of emails', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    const { year, last } = lastReferenceNumber(t, refs.fundId);
    const mailBefore = outboxMessages(t.app, 'bid_submitted').length;
    const responses = await Promise.all([
      amina.post(`/api/bids/${bidId}/submit`),
      bilal.post(`/api/bids/${bidId}/submit`),
      amina.post(`/api/bids/${bidId}/submit`),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const refusedResponse of responses.filter((r) => r.statusCode === 409)) {
      expectError(refusedResponse, 409, 'invalid_state');
    }
    expect(lastReferenceNumber(t, refs.fundId).last).toBe(last + 1);
    const bid = (await amina.get(`/api/bids/${bidId}`)).json();
    expect(bid.reference).toBe(reference(year, last + 1));
    expect(outboxMessages(t.app, 'bid_submitted').length - mailBefore).toBe(2);
  });

  it('numbers successive bids in the same fund and year one after another', async () => {
    const first = await buildCompleteBid(amina, refs, kitchenId);
    const second = await buildCompleteBid(amina, refs, kitchenId);
    const third = await buildCompleteBid(amina, refs, kitchenId);
    const { year, last } = lastReferenceNumber(t, refs.fundId);
    const references: string[] = [];
    for (const bidId of [second, first, third]) {
      references.push((await amina.post(`/api/bids/${bidId}/submit`)).json().reference);
    }
    expect(references).toEqual([
      reference(year, last + 1),
      reference(year, last + 2),
      reference(year, last + 3),
    ]);
    const all = t.app.db.all<{ reference: string }>(
      sql`select reference from bids where reference is not null`,
    );
    expect(new Set(all.map((r) => r.reference)).size).toBe(all.length);
  });

  it('refuses changes to a sent bid’s sections with 409, changing nothing', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    await amina.post(`/api/bids/${bidId}/submit`);
    const data = completeSectionData(refs, { title: 'A sneaky late change' });
    const before = snapshotDatabase(t.app);
    for (const section of ['about', 'budget']) {
      const error = expectError(
        await saveSection(amina, bidId, section, data[section] ?? {}),
        409,
        'invalid_state',
      );
      expect(error.message).toMatch(/^This bid was sent on .+ and can no longer be changed\./);
    }
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('does not let grants staff send a group’s bid (403)', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    const officer = await signedIn(t.app, 'officer@demo.test');
    expectError(await officer.post(`/api/bids/${bidId}/submit`), 403, 'forbidden');
    expect((await amina.get(`/api/bids/${bidId}`)).json().status).toBe('draft');
  });
});

describe('sending a bid when the fund closes', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
  });
  afterAll(async () => t.close());

  it('sends a bid a minute before the closing time, and refuses one at the closing time with 409 naming it', async () => {
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    const builder = await signedIn(t.app, 'applicant@demo.test');
    const onTime = await buildCompleteBid(builder, refs, kitchenId);
    const late = await buildCompleteBid(builder, refs, kitchenId);

    t.clock.set(new Date(Date.parse(refs.closesAt) - 60_000));
    const amina = await signedIn(t.app, 'applicant@demo.test');
    expect((await amina.get(`/api/bids/${late}`)).json().submitProblems).toEqual([]);
    expect((await amina.post(`/api/bids/${onTime}/submit`)).statusCode).toBe(200);

    t.clock.advance(60_000);
    const detail = (await amina.get(`/api/bids/${late}`)).json();
    expect(detail.submitProblems).toEqual([
      { section: 'bid', message: `This fund closed at ${formatDateTime(refs.closesAt)}` },
    ]);
    expect(detail.permissions.submit).toBe(false);
    const before = snapshotDatabase(t.app);
    const error = expectError(await amina.post(`/api/bids/${late}/submit`), 409, 'invalid_state');
    expect(error.message).toBe(`This fund closed at ${formatDateTime(refs.closesAt)}`);
    expect(error.message).toMatch(/5pm on \d{1,2} \w+ \d{4}/);
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect((await amina.get(`/api/bids/${late}`)).json()).toMatchObject({ status: 'draft', reference: null });
  });
});
