import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { scoreBid } from '../../builders/assessment.js';
import {
  buildCompleteBid,
  type JourneyRefs,
  journeyRefs,
  refsForFund,
  saveSection,
  submittedBid,
  uploadDocument,
} from '../../builders/bids.js';
import { createFund } from '../../builders/funds.js';
import { newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { auditSince, bidIdOf, lastAuditId, organisationIdOf, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

interface Event {
  at: string;
  what: string;
  by: string;
  detail: string | null;
}

describe('a bid’s timeline', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let bilal: Client;
  let officer: Client;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    officer = await signedIn(t.app, 'officer@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    bilal = await newGroupMember(t.app, amina, kitchenId, 'bilal@example.org', 'Bilal Rahman');
  });
  afterAll(async () => t.close());

  const timeline = async (bidId: string, client: Client): Promise<Event[]> => {
    const response = await client.get(`/api/bids/${bidId}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().events;
  };

  it('tells the story in order: started, sent, returned by the "Grants team", sent again, withdrawn', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    await amina.post(`/api/bids/${bidId}/submit`);
    await officer.post(`/api/bids/${bidId}/return`, { message: 'Add your safeguarding policy.' });
    await uploadDocument(bilal, bidId, 'safeguarding_policy', 'Safeguarding.pdf', testFiles.pdf());
    await bilal.post(`/api/bids/${bidId}/submit`);
    await amina.post(`/api/bids/${bidId}/withdraw`, { reason: 'We merged with another project.' });

    const forGroup = await timeline(bidId, amina);
    expect(forGroup.map(({ what, by, detail }) => ({ what, by, detail }))).toEqual([
      { what: 'Bid started', by: 'Amina Hussain', detail: null },
      { what: 'Bid sent', by: 'Amina Hussain', detail: null },
      {
        what: 'Returned to the group for changes',
        by: 'Grants team',
        detail: 'Add your safeguarding policy.',
      },
      { what: 'Bid sent again after changes', by: 'Bilal Rahman', detail: null },
      { what: 'Bid withdrawn', by: 'Amina Hussain', detail: 'We merged with another project.' },
    ]);
    // The officer's name is nowhere in what the group is sent.
    const raw = (await bilal.get(`/api/bids/${bidId}/timeline`)).body;
    expect(raw).not.toContain('Sarah Whitfield');
    expect(raw).not.toContain('Whitfield');

    // Staff see who did it.
    const forStaff = await timeline(bidId, officer);
    expect(forStaff[2]).toEqual(
      expect.objectContaining({ what: 'Returned to the group for changes', by: 'Sarah Whitfield' }),
    );
  });

  it('leaves out the small steps: section saves and uploads are not on it', async () => {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    expect((await timeline(bidId, amina)).map((e) => e.what)).toEqual(['Bid started']);
    await saveSection(amina, bidId, 'outcomes', { participants: 5 }, { complete: false });
    expect((await timeline(bidId, amina)).map((e) => e.what)).toEqual(['Bid started']);
  });

  it('shows the demo bid that was returned as started, sent and returned by the Grants team', async () => {
    const events = await timeline(bidIdOf(t.app, 'Family Fun Days'), amina);
    expect(events.map((e) => [e.what, e.by])).toEqual([
      ['Bid started', 'Amina Hussain'],
      ['Bid sent', 'Amina Hussain'],
      ['Returned to the group for changes', 'Grants team'],
    ]);
    expect(events[2]?.detail).toMatch(/safeguarding/);
  });

  describe('for finance, who sees money, not assessment', () => {
    const REOPEN = 'Daniel scored against last year’s criteria; please rescore.';
    const RETURN = 'Please add quotes for the hall hire.';
    let bidId: string;
    let finance: Client;

    beforeAll(async () => {
      finance = await signedIn(t.app, 'finance@demo.test');
      const admin = await signedIn(t.app, 'admin@demo.test');
      const fund = await createFund(t, officer, { minAssessors: 1 });
      const fundRefs = await refsForFund(t.app, fund);
      const assessorId = userIdOf(t.app, 'assessor@demo.test');
      await grantAssessorRole(admin, assessorId, fund.id);
      const assessor = await signedIn(t.app, 'assessor@demo.test');
      bidId = await submittedBid(amina, fundRefs, kitchenId);
      const [assignmentId] = await scoreBid(
        officer,
        fund,
        bidId,
        [{ client: assessor, id: assessorId }],
        [[4, 4, 4, 4, 4, 4]],
      );
      const reopened = await officer.post(`/api/assignments/${assignmentId}/reopen`, { reason: REOPEN });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect((await officer.post(`/api/bids/${bidId}/return`, { message: RETURN })).statusCode).toBe(200);
    });

    it('shows finance every step, and the reasons the group is told, but not the internal reason for reopening the assessment', async () => {
      const forFinance = await timeline(bidId, finance);
      expect(forFinance.map((e) => e.what)).toEqual([
        'Bid started',
        'Bid sent',
        'Checked by the grants team: the group can apply',
        'Sent to the panel’s assessors',
        'Assessed by the panel’s assessors',
        'Assessment reopened',
        'Returned to the group for changes',
      ]);
      expect(forFinance.find((e) => e.what === 'Assessment reopened')?.detail).toBeNull();
      expect(forFinance.find((e) => e.what === 'Returned to the group for changes')?.detail).toBe(RETURN);
      expect((await finance.get(`/api/bids/${bidId}/timeline`)).body).not.toContain('rescore');
    });

    it('shows the officers the reason for reopening', async () => {
      expect((await timeline(bidId, officer)).find((e) => e.what === 'Assessment reopened')?.detail).toBe(
        REOPEN,
      );
    });
  });

  it('answers 404 to another group, and audits it', async () => {
    const tomas = await signedIn(t.app, 'applicant2@demo.test');
    const since = lastAuditId(t.app);
    expectError(await tomas.get(`/api/bids/${bidIdOf(t.app, 'Family Fun Days')}/timeline`), 404, 'not_found');
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['access.denied']);
  });

  it('asks someone not signed in to sign in', async () => {
    expectError(
      await new Client(t.app).get(`/api/bids/${bidIdOf(t.app, 'Family Fun Days')}/timeline`),
      401,
      'unauthenticated',
    );
  });
});
