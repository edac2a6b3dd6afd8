// Everyday use by groups (issue 9, items 1 and 6): what needs doing, told when the bid is found
// eligible, one document per required slot, City-wide or wards, and each question asked once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCompleteBid,
  completeSectionData,
  type JourneyRefs,
  journeyRefs,
  refsForFund,
  saveSection,
  startBid,
  submittedBid,
  uploadDocument,
} from '../../builders/bids.js';
import { createFund } from '../../builders/funds.js';
import { applicantWithGroup, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { outboxMessages } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

describe('everyday use by groups', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let officer: Client;
  let n = 0;
  const email = (who: string) => `${who}.${++n}@example.org`;

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    refs = await journeyRefs(t.app);
    officer = await signedIn(t.app, 'officer@demo.test');
  });
  afterAll(async () => t.close());

  describe('what needs doing (GET /api/bids/to-do)', () => {
    it('lists each of the group’s bids that needs something, soonest deadline first, with the deadline', async () => {
      const soon = await createFund(t, officer, {
        closesAt: new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString(),
      });
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('todo'));
      const later = await startBid(founder, refs, organisationId);
      const returned = await submittedBid(founder, refs, organisationId, { title: 'Returned café' });
      expect(
        (
          await officer.post(`/api/bids/${returned}/return`, {
            message: 'Check the budget',
            sections: ['budget'],
          })
        ).statusCode,
      ).toBe(200);
      const first = await startBid(founder, await refsForFund(t.app, soon), organisationId);
      // Waiting on the council: nothing for the group to do.
      await submittedBid(founder, refs, organisationId, { title: 'Sent and waiting' });

      const response = await founder.get('/api/bids/to-do');
      expect(response.statusCode, response.body).toBe(200);
      const { items } = response.json() as {
        items: { kind: string; dueAt: string; what: string; bid: { id: string } }[];
      };
      expect(items.map((i) => [i.bid.id, i.kind, i.dueAt])).toEqual([
        [first, 'send', soon.closesAt],
        [returned, 'change', refs.closesAt],
        [later, 'send', refs.closesAt],
      ]);
      expect(items.map((i) => i.what)).toEqual([
        'Finish your bid and send it',
        'Make the changes the grants team asked for, then send your bid again',
        'Finish your bid and send it',
      ]);
    });

    it('leaves out bids of funds that have closed and other groups’ bids; staff without a group have none', async () => {
      const closing = await createFund(t, officer, {
        closesAt: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(),
      });
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('closed'));
      await startBid(founder, await refsForFund(t.app, closing), organisationId);
      const other = await applicantWithGroup(t.app, email('other'));
      const theirs = await startBid(other.client, refs, other.organisationId);
      t.clock.set(new Date(t.clock.now().getTime() + 20 * 60_000));

      expect((await founder.get('/api/bids/to-do')).json().items).toEqual([]);
      expect(
        (await other.client.get('/api/bids/to-do'))
          .json()
          .items.map((i: { bid: { id: string } }) => i.bid.id),
      ).toEqual([theirs]);
      expect((await officer.get('/api/bids/to-do')).json().items).toEqual([]);
      expectError(await new Client(t.app).get('/api/bids/to-do'), 401);
    });
  });

  describe('told when the bid is found eligible', () => {
    it('emails every member of the group when the grants team finds the bid eligible, as the “Bid sent” page promises', async () => {
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('eligible'));
      const secondEmail = email('second');
      await newGroupMember(t.app, founder, organisationId, secondEmail, 'Second Member');
      const bidId = await submittedBid(founder, refs, organisationId);
      const reference = (await founder.get(`/api/bids/${bidId}`)).json().reference as string;
      const response = await officer.post(`/api/bids/${bidId}/screening`, {
        decision: 'eligible',
        checks: { documentsValid: true, groupVerified: true },
      });
      expect(response.statusCode, response.body).toBe(200);
      const mail = outboxMessages(t.app, 'bid_eligible').filter((m) => m.subject.includes(reference));
      expect(mail.map((m) => m.to)).toContain(secondEmail);
      expect(mail).toHaveLength(2);
      expect(mail[0]?.subject).toBe(`Your bid ${reference} can go forward to the panel`);
      expect(mail[0]?.body).toMatch(/panel/);
    });
  });

  describe('one document for each thing asked for', () => {
    it('refuses the same file for a second required document (409 on the file), keeping nothing', async () => {
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('slots'));
      const bidId = await startBid(founder, refs, organisationId);
      const file = testFiles.pdf('Our constitution');
      expect((await uploadDocument(founder, bidId, 'governing_document', 'rules.pdf', file)).statusCode).toBe(
        201,
      );
      const error = await refusedChangingNothing(
        t.app,
        () => uploadDocument(founder, bidId, 'accounts', 'accounts.pdf', file),
        409,
        'conflict',
      );
      expect(error.fields?.file).toBe(
        'This is the same file you uploaded as your governing document. Choose your latest accounts or bank statement.',
      );
      // The same file as an extra, "other" document is allowed: it fills no second slot.
      expect((await uploadDocument(founder, bidId, 'other', 'copy.pdf', file)).statusCode).toBe(201);
    });
  });

  describe('wards', () => {
    it('refuses City-wide together with single wards, in drafts too (400 on wardIds), changing nothing', async () => {
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('wards'));
      const bidId = await startBid(founder, refs, organisationId);
      const { beneficiaries } = completeSectionData(refs);
      for (const complete of [true, false]) {
        const error = await refusedChangingNothing(
          t.app,
          () =>
            saveSection(
              founder,
              bidId,
              'beneficiaries',
              { ...beneficiaries, wardIds: [refs.cityWideId, refs.wardIds[0]] },
              { complete },
            ),
          400,
          'validation_failed',
        );
        expect(error.fields).toEqual({
          wardIds: 'Choose City-wide on its own, or choose the wards your project works in',
        });
      }
      const cityWide = await saveSection(founder, bidId, 'beneficiaries', {
        ...beneficiaries,
        wardIds: [refs.cityWideId],
      });
      expect(cityWide.statusCode, cityWide.body).toBe(200);
    });
  });

  describe('each question asked once', () => {
    it('asks how many people will take part in Outcomes only, not again in Who will benefit', async () => {
      const { client: founder, organisationId } = await applicantWithGroup(t.app, email('once'));
      const bidId = await buildCompleteBid(founder, refs, organisationId);
      const { beneficiaries } = completeSectionData(refs);
      expect(beneficiaries).not.toHaveProperty('peopleCount');
      const error = expectError(
        await saveSection(founder, bidId, 'beneficiaries', { ...beneficiaries, peopleCount: 80 }),
        400,
      );
      // No longer a question of this section: refused as any unknown answer is.
      expect(Object.values(error.fields ?? {}).join()).toMatch(/peopleCount/);
    });
  });
});
