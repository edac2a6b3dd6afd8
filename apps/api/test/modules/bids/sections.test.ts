import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSectionData,
  type JourneyRefs,
  journeyRefs,
  saveSection,
  startBid,
} from '../../builders/bids.js';
import { newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { organisationIdOf, snapshotDatabase } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { addDays } from '../../support/time.js';

interface Section {
  key: string;
  data: Record<string, unknown> | null;
  complete: boolean;
  version: number;
  updatedByName: string | null;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('saving the sections of a bid', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let bilal: Client;
  let kitchenId: string;
  let valid: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    // A second member of the same group, who joined by invitation.
    bilal = await newGroupMember(t.app, amina, kitchenId, 'bilal@example.org', 'Bilal Rahman');
    valid = completeSectionData(refs);
  });
  afterAll(async () => t.close());

  const newBid = () => startBid(amina, refs, kitchenId);

  async function sectionOf(bidId: string, key: string): Promise<Section> {
    const bid = (await amina.get(`/api/bids/${bidId}`)).json() as { sections: Section[] };
    const section = bid.sections.find((s) => s.key === key);
    if (!section) throw new Error(`No section ${key}`);
    return section;
  }

  async function bid(bidId: string) {
    return (await amina.get(`/api/bids/${bidId}`)).json();
  }

  /** Saves as complete and expects a 400 that changes nothing; returns the field errors. */
  async function refused(
    bidId: string,
    section: string,
    data: Record<string, unknown>,
    complete = true,
  ): Promise<Record<string, string>> {
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await saveSection(amina, bidId, section, data, { complete }),
      400,
      'validation_failed',
    );
    expect(snapshotDatabase(t.app)).toEqual(before);
    return error.fields ?? {};
  }

  const budget = (...costs: unknown[]) => ({
    lines: costs.map((costPence, i) => ({ item: `Item ${i + 1}`, category: 'equipment', costPence })),
    otherFunding: [],
  });

  describe('drafts', () => {
    it('saves part of a section as a draft, keeps each version, and shows who saved it', async () => {
      const bidId = await newBid();
      const first = await saveSection(
        amina,
        bidId,
        'about',
        { title: 'Only a title so far' },
        { complete: false },
      );
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        key: 'about',
        data: { title: 'Only a title so far' },
        complete: false,
        version: 1,
        updatedByName: 'Amina Hussain',
      });
      expect((await bid(bidId)).title).toBe('Only a title so far');

      const second = await saveSection(
        bilal,
        bidId,
        'about',
        { title: 'Only a title so far', summary: 'And now a summary.' },
        { complete: false },
      );
      expect(second.json()).toMatchObject({ version: 2, complete: false, updatedByName: 'Bilal Rahman' });
      const versions = t.app.db.all<{ version: number; data: string }>(
        sql`select version, data from bid_section_versions where bid_id = ${bidId} and section = 'about' order by version`,
      );
      expect(versions.map((v) => [v.version, JSON.parse(v.data)])).toEqual([
        [1, { title: 'Only a title so far' }],
        [2, { title: 'Only a title so far', summary: 'And now a summary.' }],
      ]);
      // A draft section is not complete, so the bid cannot be sent yet.
      expect((await bid(bidId)).submitProblems).toContainEqual({
        section: 'about',
        message: 'Complete “About your project”',
      });
    });

    it('keeps a draft across sign-out and sign-in', async () => {
      const bidId = await newBid();
      await saveSection(amina, bidId, 'outcomes', { participants: 40 }, { complete: false });
      const later = await signedIn(t.app, 'applicant@demo.test');
      const section = ((await later.get(`/api/bids/${bidId}`)).json().sections as Section[]).find(
        (s) => s.key === 'outcomes',
      );
      expect(section?.data).toEqual({ participants: 40 });
    });

    it('still refuses the wrong kind of thing in a draft: text over its limit, a fraction of a penny', async () => {
      const bidId = await newBid();
      expect(Object.keys(await refused(bidId, 'about', { title: 'x'.repeat(141) }, false))).toEqual([
        'title',
      ]);
      expect(await refused(bidId, 'budget', budget(10.5), false)).toEqual({
        'lines.0.costPence': expect.stringMatching(/pounds and pence/),
      });
    });
  });

  describe('"Save and continue" checks the whole section', () => {
    it('refuses a complete section with missing answers, field by field, saving nothing', async () => {
      const bidId = await newBid();
      const fields = await refused(bidId, 'about', { title: 'Just a title' });
      expect(fields).toEqual({
        summary: 'Enter a short summary',
        description: 'Enter a description of the project',
      });
      const outcomes = await refused(bidId, 'outcomes', { participants: 10 });
      expect(Object.keys(outcomes).sort()).toEqual(['description', 'events', 'peopleMeeting', 'volunteers']);
      const declarations = await refused(bidId, 'declarations', { ...valid.declarations, accurate: false });
      expect(declarations).toEqual({ accurate: 'Confirm that the information in your bid is true' });
      expect(await sectionOf(bidId, 'about')).toMatchObject({ version: 0, data: null });
    });

    it('accepts every section complete with valid answers', async () => {
      const bidId = await newBid();
      for (const [key, data] of Object.entries(valid)) {
        const response = await saveSection(amina, bidId, key, data);
        expect(response.statusCode, `${key}: ${response.body}`).toBe(200);
        expect(response.json()).toMatchObject({ complete: true, version: 1 });
      }
      const problems = (await bid(bidId)).submitProblems as { section: string }[];
      expect(problems.map((p) => p.section)).toEqual(['documents', 'documents']);
    });

    it('accepts a title of 140 characters and refuses one of 141', async () => {
      const bidId = await newBid();
      const about = valid.about ?? {};
      expect(
        (await saveSection(amina, bidId, 'about', { ...about, title: 't'.repeat(140) })).statusCode,
      ).toBe(200);
      const fields = await refused(bidId, 'about', { ...about, title: 't'.repeat(141) });
      expect(fields).toEqual({ title: 'A project title must be 140 characters or fewer' });
      expect((await bid(bidId)).title).toBe('t'.repeat(140));
    });

    it('accepts a description of 500 words and refuses 501, and a summary over 50 words', async () => {
      const bidId = await newBid();
      const about = valid.about ?? {};
      expect(
        (await saveSection(amina, bidId, 'about', { ...about, description: words(500) })).statusCode,
      ).toBe(200);
      expect(await refused(bidId, 'about', { ...about, description: words(501) })).toEqual({
        description: 'A description of the project must be 500 words or fewer',
      });
      expect(Object.keys(await refused(bidId, 'about', { ...about, summary: words(51) }))).toEqual([
        'summary',
      ]);
      // A wall of text with no spaces is still too long.
      expect(
        Object.keys(await refused(bidId, 'about', { ...about, description: 'x'.repeat(20_000) })),
      ).toEqual(['description']);
    });

    it('refuses data the section does not have, and unknown fields in the request', async () => {
      const bidId = await newBid();
      expect(await refused(bidId, 'about', { ...valid.about, colour: 'blue' })).toEqual({
        _: 'Not a field we accept: colour',
      });
      expect(await refused(bidId, 'about', { title: 'A title', isAdmin: true }, false)).toEqual({
        _: 'Not a field we accept: isAdmin',
      });
      const before = snapshotDatabase(t.app);
      const extra = await amina.put(`/api/bids/${bidId}/sections/about`, {
        baseVersion: 0,
        complete: true,
        data: valid.about,
        status: 'awarded',
      });
      expect(expectError(extra, 400, 'validation_failed').fields).toEqual({
        status: 'Not a field we accept',
      });
      expect(snapshotDatabase(t.app)).toEqual(before);
    });

    it('answers 404 for a section that does not exist', async () => {
      const bidId = await newBid();
      expectError(
        await amina.put(`/api/bids/${bidId}/sections/bank_details`, {
          baseVersion: 0,
          complete: false,
          data: {},
        }),
        404,
      );
    });

    it('refuses wards and project-bank needs that do not exist, in drafts too', async () => {
      const bidId = await newBid();
      const unknownWard = [refs.wardIds[0], crypto.randomUUID()];
      expect(await refused(bidId, 'beneficiaries', { ...valid.beneficiaries, wardIds: unknownWard })).toEqual(
        {
          wardIds: 'Choose wards from the list',
        },
      );
      expect(await refused(bidId, 'beneficiaries', { wardIds: unknownWard }, false)).toEqual({
        wardIds: 'Choose wards from the list',
      });
      expect(await refused(bidId, 'evidence', { ...valid.evidence, needIds: [crypto.randomUUID()] })).toEqual(
        {
          needIds: 'Choose needs from the project bank',
        },
      );
      expect(await refused(bidId, 'evidence', { needIds: [crypto.randomUUID()] }, false)).toEqual({
        needIds: 'Choose needs from the project bank',
      });
      expect(
        Object.keys(
          await refused(bidId, 'priorities', { mainPriorityId: crypto.randomUUID(), otherPriorityIds: [] }),
        ),
      ).toEqual(['mainPriorityId']);
      // City-wide is offered alongside the wards.
      const cityWide = await saveSection(amina, bidId, 'beneficiaries', {
        ...valid.beneficiaries,
        wardIds: [refs.cityWideId],
      });
      expect(cityWide.statusCode, cityWide.body).toBe(200);
    });
  });

  describe('the budget', () => {
    it('sets the amount requested to the sum of the budget lines at every save', async () => {
      const bidId = await newBid();
      await saveSection(amina, bidId, 'budget', budget(12_345, 67_890, 1));
      expect((await bid(bidId)).amountRequestedPence).toBe(80_236);
      await saveSection(amina, bidId, 'budget', budget(50_000));
      expect((await bid(bidId)).amountRequestedPence).toBe(50_000);
      // A draft with a line not costed yet counts what is there.
      await saveSection(
        amina,
        bidId,
        'budget',
        { lines: [{ item: 'Hall', category: 'venue', costPence: 20_000 }, { item: 'Food' }] },
        { complete: false },
      );
      expect((await bid(bidId)).amountRequestedPence).toBe(20_000);
      const listed = (await amina.get('/api/bids')).json().bids.find((b: { id: string }) => b.id === bidId);
      expect(listed.amountRequestedPence).toBe(20_000);
    });

    it('accepts a budget of exactly the cap and refuses one penny more, naming both amounts', async () => {
      const bidId = await newBid();
      const atCap = await saveSection(amina, bidId, 'budget', budget(1_500_000, 500_000));
      expect(atCap.statusCode, atCap.body).toBe(200);
      expect((await bid(bidId)).amountRequestedPence).toBe(refs.capPence);
      const fields = await refused(bidId, 'budget', budget(1_500_000, 500_001));
      expect(fields).toEqual({ lines: expect.stringContaining('£20,000.01') });
      expect(fields.lines).toContain('£20,000');
      // Still what was saved before.
      expect((await bid(bidId)).amountRequestedPence).toBe(2_000_000);
    });

    it.each([
      ['a negative', -100, /more than £0/],
      ['a zero', 0, /more than £0/],
      ['a fractional-penny', 10.5, /pounds and pence/],
      ['an absurd', 1e12, /too large/],
      ['a text', '100', /pounds and pence/],
      ['a null', null, /pounds and pence/],
    ])('refuses %s cost on the line, changing nothing', async (_, cost, message) => {
      const bidId = await newBid();
      await saveSection(amina, bidId, 'budget', budget(10_000));
      const fields = await refused(bidId, 'budget', budget(5_000, cost));
      expect(fields).toEqual({ 'lines.1.costPence': expect.stringMatching(message) });
      expect((await bid(bidId)).amountRequestedPence).toBe(10_000);
    });

    it('refuses an absurd total made of lines each within range, when the section is completed', async () => {
      const bidId = await newBid();
      const fields = await refused(bidId, 'budget', budget(...Array.from({ length: 30 }, () => 100_000_000)));
      expect(fields.lines).toContain('£30,000,000');
    });

    it('refuses negative, fractional and absurd amounts of other funding', async () => {
      const bidId = await newBid();
      for (const amountPence of [-1, 0.5, 1e12]) {
        const fields = await refused(bidId, 'budget', {
          ...budget(10_000),
          otherFunding: [{ source: 'Our own fundraising', amountPence, secured: true }],
        });
        expect(Object.keys(fields)).toEqual(['otherFunding.0.amountPence']);
      }
    });
  });

  describe('the timetable', () => {
    const timetable = (startDate: string, endDate: string) => ({
      startDate,
      endDate,
      milestones: [{ date: startDate, description: 'Start' }],
    });

    it('accepts the first and last days of the delivery period', async () => {
      const bidId = await newBid();
      const response = await saveSection(
        amina,
        bidId,
        'timetable',
        timetable(refs.deliveryStartsOn, refs.deliveryEndsOn),
      );
      expect(response.statusCode, response.body).toBe(200);
    });

    it('refuses a start before the delivery period, naming the period', async () => {
      const bidId = await newBid();
      const fields = await refused(
        bidId,
        'timetable',
        timetable(addDays(refs.deliveryStartsOn, -1), addDays(refs.deliveryStartsOn, 60)),
      );
      expect(Object.keys(fields)).toEqual(['startDate']);
      expect(fields.startDate).toMatch(/^The project must start between \d+ \w+ \d{4} and \d+ \w+ \d{4}$/);
    });

    it('refuses an end after the delivery period', async () => {
      const bidId = await newBid();
      const fields = await refused(
        bidId,
        'timetable',
        timetable(addDays(refs.deliveryEndsOn, -60), addDays(refs.deliveryEndsOn, 1)),
      );
      expect(Object.keys(fields)).toEqual(['endDate']);
      expect(fields.endDate).toMatch(/must finish between/);
    });

    it('refuses a project entirely outside the period on both dates', async () => {
      const bidId = await newBid();
      const fields = await refused(
        bidId,
        'timetable',
        timetable(addDays(refs.deliveryEndsOn, 10), addDays(refs.deliveryEndsOn, 20)),
      );
      expect(Object.keys(fields).sort()).toEqual(['endDate', 'startDate']);
    });

    it('refuses an end before the start, and a milestone outside the project', async () => {
      const bidId = await newBid();
      const start = addDays(refs.deliveryStartsOn, 60);
      const fields = await refused(bidId, 'timetable', {
        startDate: start,
        endDate: addDays(start, -1),
        milestones: [{ date: start, description: 'Start' }],
      });
      expect(fields.endDate).toBe('The end date must be the same as or after the start date');
      const milestone = await refused(bidId, 'timetable', {
        startDate: start,
        endDate: addDays(start, 30),
        milestones: [{ date: addDays(start, 31), description: 'Too late' }],
      });
      expect(milestone).toEqual({
        'milestones.0.date': 'The milestone must be between the start and end dates',
      });
    });

    it('refuses dates that do not exist', async () => {
      const bidId = await newBid();
      const fields = await refused(bidId, 'timetable', {
        ...timetable(addDays(refs.deliveryStartsOn, 10), addDays(refs.deliveryStartsOn, 90)),
        startDate: '2019-02-30',
      });
      expect(fields).toEqual({ startDate: 'Enter a real start date' });
    });
  });

  describe('two members saving the same section', () => {
    it('keeps the first save and refuses the second with 409 naming who changed what', async () => {
      const bidId = await newBid();
      const about = valid.about ?? {};
      await saveSection(amina, bidId, 'about', about);
      // Both open the section at version 1.
      const aminaSave = await saveSection(
        amina,
        bidId,
        'about',
        { ...about, summary: 'Amina’s new summary.' },
        { baseVersion: 1 },
      );
      expect(aminaSave.statusCode).toBe(200);
      const before = snapshotDatabase(t.app);
      const bilalSave = await saveSection(
        bilal,
        bidId,
        'about',
        { ...about, title: 'Bilal’s title' },
        { baseVersion: 1 },
      );
      const error = expectError(bilalSave, 409, 'conflict');
      expect(error.message).toMatch(/^Amina Hussain saved this section at .+, after you opened it\./);
      expect(error.message).toMatch(/have not been saved/);
      expect(error.fields).toEqual({ summary: expect.stringMatching(/^Changed by Amina Hussain at /) });
      expect(snapshotDatabase(t.app)).toEqual(before);
      expect(await sectionOf(bidId, 'about')).toMatchObject({
        version: 2,
        data: { ...about, summary: 'Amina’s new summary.' },
        updatedByName: 'Amina Hussain',
      });
      expect((await bid(bidId)).title).toBe(about.title);

      // After reloading, Bilal's change goes in on top of Amina's.
      const retry = await saveSection(
        bilal,
        bidId,
        'about',
        { ...about, summary: 'Amina’s new summary.', title: 'Bilal’s title' },
        { baseVersion: 2 },
      );
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ version: 3, updatedByName: 'Bilal Rahman' });
    });

    it('refuses a first save over a section someone else has just created, naming every field they filled in', async () => {
      const bidId = await newBid();
      await saveSection(bilal, bidId, 'outcomes', { participants: 30, events: 10 }, { complete: false });
      const error = expectError(
        await saveSection(
          amina,
          bidId,
          'outcomes',
          { participants: 99 },
          { complete: false, baseVersion: 0 },
        ),
        409,
        'conflict',
      );
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['events', 'participants']);
      expect(error.message).toMatch(/^Bilal Rahman saved this section/);
      expect((await sectionOf(bidId, 'outcomes')).data).toEqual({ participants: 30, events: 10 });
    });

    it('refuses a base version the section has not reached', async () => {
      const bidId = await newBid();
      await saveSection(amina, bidId, 'risks', valid.risks ?? {});
      expectError(
        await saveSection(amina, bidId, 'risks', valid.risks ?? {}, { baseVersion: 7 }),
        409,
        'conflict',
      );
      expect((await sectionOf(bidId, 'risks')).version).toBe(1);
    });

    it('lets exactly one of two saves sent at the same moment through; the other gets 409', async () => {
      const bidId = await newBid();
      await saveSection(amina, bidId, 'bringing_together', valid.bringing_together ?? {});
      const [a, b] = await Promise.all([
        saveSection(amina, bidId, 'bringing_together', { how: 'Amina’s way.' }, { baseVersion: 1 }),
        saveSection(bilal, bidId, 'bringing_together', { how: 'Bilal’s way.' }, { baseVersion: 1 }),
      ]);
      const statuses = [a?.statusCode, b?.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = a?.statusCode === 200 ? 'Amina’s way.' : 'Bilal’s way.';
      const loser = a?.statusCode === 200 ? b : a;
      if (loser) expectError(loser, 409, 'conflict');
      const section = await sectionOf(bidId, 'bringing_together');
      expect(section).toMatchObject({ version: 2, data: { how: winner } });
      const versions = t.app.db.get<{ n: number }>(
        sql`select count(*) as n from bid_section_versions where bid_id = ${bidId} and section = 'bringing_together'`,
      );
      expect(versions?.n).toBe(2);
    });
  });

  describe('who may save', () => {
    it('does not let grants staff change a group’s bid (403), changing nothing', async () => {
      const bidId = await newBid();
      const officer = await signedIn(t.app, 'officer@demo.test');
      const before = snapshotDatabase(t.app).bid_sections;
      expectError(
        await saveSection(officer, bidId, 'about', valid.about ?? {}, { baseVersion: 0 }),
        403,
        'forbidden',
      );
      expect(snapshotDatabase(t.app).bid_sections).toEqual(before);
    });
  });
});
