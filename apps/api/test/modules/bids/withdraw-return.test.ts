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
  bidIdOf,
  lastAuditId,
  organisationIdOf,
  outboxMessages,
  snapshotDatabase,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

const MESSAGE = 'Please say who will run each session, and upload your safeguarding policy.';

describe('withdrawing and returning bids', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let officer: Client;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    officer = await signedIn(t.app, 'officer@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    await newGroupMember(t.app, amina, kitchenId, 'bilal@example.org', 'Bilal Rahman');
  });
  afterAll(async () => t.close());

  async function sentBid(): Promise<string> {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    const sent = await amina.post(`/api/bids/${bidId}/submit`);
    if (sent.statusCode !== 200) throw new Error(sent.body);
    return bidId;
  }

  const detail = async (bidId: string, client = amina) => (await client.get(`/api/bids/${bidId}`)).json();
  const timeline = async (bidId: string, client = amina) =>
    (await client.get(`/api/bids/${bidId}/timeline`)).json().events as {
      what: string;
      by: string;
      detail: string | null;
    }[];

  describe('withdrawing', () => {
    it('withdraws a draft with the reason, which the timeline shows', async () => {
      const bidId = await startBid(amina, refs, kitchenId);
      const since = lastAuditId(t.app);
      const response = await amina.post(`/api/bids/${bidId}/withdraw`, {
        reason: '  We found other funding.  ',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'withdrawn',
        nextAction: 'Nothing more to do',
        permissions: { edit: false, submit: false, withdraw: false, return: false },
      });
      expect(auditSince(t.app, since)).toEqual([
        expect.objectContaining({
          action: 'bid.withdrawn',
          entityId: bidId,
          reason: 'We found other funding.',
          after: { status: 'withdrawn' },
        }),
      ]);
      expect((await timeline(bidId)).at(-1)).toEqual(
        expect.objectContaining({
          what: 'Bid withdrawn',
          by: 'Amina Hussain',
          detail: 'We found other funding.',
        }),
      );
    });

    it('withdraws a sent bid before a decision', async () => {
      const bidId = await sentBid();
      const response = await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'The venue closed.' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().status).toBe('withdrawn');
    });

    it.each([
      [{}, 'Enter a reason'],
      [{ reason: '   ' }, 'Enter a reason'],
      [{ reason: 'x'.repeat(1001) }, 'A reason must be 1000 characters or fewer'],
    ])(
      'refuses to withdraw without a proper reason (%j), on the reason field, changing nothing',
      async (body, message) => {
        const bidId = await startBid(amina, refs, kitchenId);
        const before = snapshotDatabase(t.app);
        const error = expectError(
          await amina.post(`/api/bids/${bidId}/withdraw`, body),
          400,
          'validation_failed',
        );
        expect(error.fields).toEqual({ reason: message });
        expect(snapshotDatabase(t.app)).toEqual(before);
      },
    );

    it('refuses to withdraw a withdrawn bid with 409 naming its state, changing nothing', async () => {
      const bidId = await startBid(amina, refs, kitchenId);
      await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'No longer needed.' });
      const before = snapshotDatabase(t.app);
      const error = expectError(
        await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'Again.' }),
        409,
        'invalid_state',
      );
      expect(error.message).toBe('This bid has been withdrawn, so it cannot be withdrawn');
      expect(snapshotDatabase(t.app)).toEqual(before);
    });

    it.each([
      ['awarded', 'This bid has been awarded a grant, so it cannot be withdrawn'],
      ['rejected', 'This bid has been turned down, so it cannot be withdrawn'],
      ['ineligible', 'This bid has been found not eligible, so it cannot be withdrawn'],
    ])(
      'refuses to withdraw a bid after a decision (%s) with 409 naming its state',
      async (status, message) => {
        const bidId = await sentBid();
        t.app.db.run(sql`update bids set status = ${status} where id = ${bidId}`);
        const before = snapshotDatabase(t.app);
        const error = expectError(
          await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'Too late.' }),
          409,
          'invalid_state',
        );
        expect(error.message).toBe(message);
        expect(snapshotDatabase(t.app)).toEqual(before);
      },
    );

    it('freezes a withdrawn bid: no section changes, documents or sending', async () => {
      const bidId = await buildCompleteBid(amina, refs, kitchenId);
      await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'Changed our plans.' });
      const before = snapshotDatabase(t.app);
      const data = completeSectionData(refs);
      expectError(await saveSection(amina, bidId, 'about', data.about ?? {}), 409, 'invalid_state');
      expectError(
        await uploadDocument(amina, bidId, 'other', 'late.pdf', testFiles.pdf()),
        409,
        'invalid_state',
      );
      expectError(await amina.post(`/api/bids/${bidId}/submit`), 409, 'invalid_state');
      expect(snapshotDatabase(t.app)).toEqual(before);
    });

    it('does not let grants staff withdraw a group’s bid (403)', async () => {
      const bidId = await sentBid();
      expectError(
        await officer.post(`/api/bids/${bidId}/withdraw`, { reason: 'Tidying up.' }),
        403,
        'forbidden',
      );
      expect((await detail(bidId)).status).toBe('submitted');
    });
  });

  describe('returning for changes', () => {
    it('returns a sent bid to draft with the message, emails the group, and the group resubmits under the same reference', async () => {
      const bidId = await sentBid();
      const { reference } = await detail(bidId);
      const counter = () =>
        t.app.db.get<{ total: number }>(sql`select sum(last) as total from reference_counters`)?.total;
      const counterBefore = counter();
      const mailBefore = outboxMessages(t.app).length;

      const returned = await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ status: 'draft', reference, returnMessage: MESSAGE });
      const mail = outboxMessages(t.app).slice(mailBefore);
      expect(mail.map((m) => m.to).sort()).toEqual(['applicant@demo.test', 'bilal@example.org']);
      for (const message of mail) {
        expect(message.kind).toBe('bid_returned');
        expect(message.subject).toBe(`Your bid ${reference} needs some changes`);
        expect(message.body).toContain(MESSAGE);
      }

      // The group sees what to do, and may edit again.
      const seen = await detail(bidId);
      expect(seen).toMatchObject({
        status: 'draft',
        returnMessage: MESSAGE,
        nextAction: 'Make the changes the grants team asked for, then send your bid again',
        permissions: { edit: true, submit: true, withdraw: true, return: false },
      });
      const events = await timeline(bidId);
      expect(events.at(-1)).toEqual(
        expect.objectContaining({
          what: 'Returned to the group for changes',
          by: 'Grants team',
          detail: MESSAGE,
        }),
      );

      const data = completeSectionData(refs);
      const edited = await saveSection(amina, bidId, 'risks', {
        risks: [
          ...((data.risks?.risks as unknown[]) ?? []),
          { risk: 'Children', mitigation: 'DBS-checked leaders' },
        ],
      });
      expect(edited.statusCode, edited.body).toBe(200);
      await uploadDocument(amina, bidId, 'safeguarding_policy', 'Safeguarding.pdf', testFiles.pdf());

      const since = lastAuditId(t.app);
      const resent = await amina.post(`/api/bids/${bidId}/submit`);
      expect(resent.statusCode, resent.body).toBe(200);
      expect(resent.json()).toMatchObject({ status: 'submitted', reference, returnMessage: null });
      expect(counter()).toBe(counterBefore);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['bid.resubmitted']);
      expect((await timeline(bidId)).at(-1)?.what).toBe('Bid sent again after changes');
      expect(
        outboxMessages(t.app, 'bid_submitted').filter((m) => m.subject.includes(reference)),
      ).toHaveLength(4);
    });

    it('lets the group correct and resend the demo bid that was returned', async () => {
      const bidId = bidIdOf(t.app, 'Family Fun Days');
      const before = await detail(bidId);
      expect(before).toMatchObject({ status: 'draft', returnMessage: expect.any(String) });
      expect(before.reference).toMatch(/^PCF-\d{4}-\d{4}$/);
      const resent = await amina.post(`/api/bids/${bidId}/submit`);
      expect(resent.statusCode, resent.body).toBe(200);
      expect(resent.json()).toMatchObject({
        status: 'submitted',
        reference: before.reference,
        returnMessage: null,
      });
    });

    it.each([
      ['a member of the group', 'applicant@demo.test'],
      ['finance', 'finance@demo.test'],
      ['an admin', 'admin@demo.test'],
    ])('refuses a return by %s with 403, changing nothing but the audit trail', async (_, email) => {
      const bidId = await sentBid();
      const client = await signedIn(t.app, email);
      const { audit_events: _a, ...before } = snapshotDatabase(t.app);
      const since = lastAuditId(t.app);
      expectError(await client.post(`/api/bids/${bidId}/return`, { message: MESSAGE }), 403, 'forbidden');
      const { audit_events: _b, ...after } = snapshotDatabase(t.app);
      expect(after).toEqual(before);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['access.denied']);
    });

    it('refuses to return a draft with 409 naming its state', async () => {
      const bidId = await startBid(amina, refs, kitchenId);
      const before = snapshotDatabase(t.app);
      const error = expectError(
        await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE }),
        409,
        'invalid_state',
      );
      expect(error.message).toBe('This bid is still a draft, so it cannot be returned for changes');
      expect(snapshotDatabase(t.app)).toEqual(before);
    });

    it('refuses to return a withdrawn bid with 409', async () => {
      const bidId = await sentBid();
      await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'Not needed.' });
      expectError(
        await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE }),
        409,
        'invalid_state',
      );
    });

    it('refuses a return without a message, on the message field, changing nothing', async () => {
      const bidId = await sentBid();
      const before = snapshotDatabase(t.app);
      const error = expectError(await officer.post(`/api/bids/${bidId}/return`, { message: ' ' }), 400);
      expect(error.fields).toEqual({ message: 'Enter what the group needs to change' });
      expect(snapshotDatabase(t.app)).toEqual(before);
    });
  });
});
