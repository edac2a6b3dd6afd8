import { BidStatus, type SectionKey } from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatReference,
  nextAction,
  repeatedDocuments,
  type SubmitCheckInput,
  sameFileRefusal,
  submitProblems,
} from '../../../src/modules/bids/rules.js';
import { completeSectionData, type JourneyRefs } from '../../builders/bids.js';

// The rules about sending a bid, and the words that go with a bid, without the app: pure functions
// of what the bid, its fund and the clock say.

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A fund open from 9am on 14 January 2019 to 5pm (BST) on 30 June 2019, projects to March 2021. */
const FUND: SubmitCheckInput['fund'] = {
  capPence: 2_000_000,
  deliveryStartsOn: '2019-04-01',
  deliveryEndsOn: '2021-03-31',
  priorityIds: [id(11), id(12), id(13)],
  opensAt: '2019-01-14T09:00:00.000Z',
  closesAt: '2019-06-30T16:00:00.000Z',
};

/** What completeSectionData needs: the fund above, and made-up wards and needs. */
const REFS: JourneyRefs = {
  fundId: id(1),
  youthFundId: id(2),
  capPence: FUND.capPence,
  closesAt: FUND.closesAt,
  deliveryStartsOn: FUND.deliveryStartsOn,
  deliveryEndsOn: FUND.deliveryEndsOn,
  priorityIds: FUND.priorityIds,
  wardIds: [id(21), id(22), id(23)],
  cityWideId: id(20),
  needIds: [id(31)],
};

/** Every section saved with "Save and continue", with the answers the API tests use (£5,000 asked). */
function completeSections(): SubmitCheckInput['sections'] {
  return new Map(
    Object.entries(completeSectionData(REFS)).map(([key, data]) => [
      key as SectionKey,
      { data, complete: true },
    ]),
  );
}

/** A draft ready to send while the fund is open; overrides make it less so. */
function ready(overrides: Partial<SubmitCheckInput> = {}): SubmitCheckInput {
  return {
    status: 'draft',
    eligibility: ELIGIBLE,
    sections: completeSections(),
    attachmentKinds: ['governing_document', 'accounts'],
    fund: FUND,
    now: new Date('2019-05-01T12:00:00.000Z'),
    ...overrides,
  };
}

const SECTION_TITLES = [
  ['about', 'About your project'],
  ['beneficiaries', 'Who will benefit'],
  ['priorities', 'Fund priorities'],
  ['bringing_together', 'Bringing people together'],
  ['evidence', 'Evidence of need'],
  ['timetable', 'Timetable'],
  ['budget', 'Budget'],
  ['outcomes', 'Outcomes'],
  ['risks', 'Risks'],
  ['declarations', 'Declarations'],
] as const;

describe('submitProblems', () => {
  it('finds nothing to stop a complete draft, with its documents, sent while the fund is open', () => {
    expect(submitProblems(ready())).toEqual([]);
  });

  it('stops a bid that is not a draft with that reason alone, whatever else is wrong', () => {
    for (const status of BidStatus.options.filter((s) => s !== 'draft')) {
      const problems = submitProblems(
        ready({ status, sections: new Map(), attachmentKinds: [], now: new Date('2030-01-01T00:00:00Z') }),
      );
      expect(problems, status).toEqual([{ section: 'bid', message: 'This bid has already been sent' }]);
    }
  });

  it('counts the fund as closed from its closing time exactly, naming that time', () => {
    const closes = Date.parse(FUND.closesAt);
    expect(submitProblems(ready({ now: new Date(closes - 1) }))).toEqual([]);
    const closed = [{ section: 'bid', message: 'This fund closed at 5pm on 30 June 2019' }];
    expect(submitProblems(ready({ now: new Date(closes) }))).toEqual(closed);
    expect(submitProblems(ready({ now: new Date('2019-12-25T12:00:00Z') }))).toEqual(closed);
  });

  it('counts the fund as open from its opening time exactly, and says when it opens before then', () => {
    const opens = Date.parse(FUND.opensAt);
    expect(submitProblems(ready({ now: new Date(opens) }))).toEqual([]);
    expect(submitProblems(ready({ now: new Date(opens - 1) }))).toEqual([
      { section: 'bid', message: 'This fund opens at 9am on 14 January 2019' },
    ]);
  });

  it('stops a group whose eligibility answers mean it cannot apply, in one message', () => {
    const cannot = {
      section: 'eligibility',
      message: 'Your answers to the eligibility questions mean your group cannot apply yet',
    };
    expect(
      submitProblems(ready({ eligibility: { ...ELIGIBLE, constituted: 'no', bankAccount: 'no' } })),
    ).toEqual([cannot]);
    expect(
      submitProblems(
        ready({
          eligibility: { ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'no' },
          attachmentKinds: ['governing_document', 'accounts', 'safeguarding_policy'],
        }),
      ),
    ).toEqual([cannot]);
  });

  it('asks for every section not saved complete, by its title, in task-list order', () => {
    const sections = completeSections();
    sections.delete('budget');
    sections.set('about', { data: { title: 'A garden' }, complete: false });
    expect(submitProblems(ready({ sections }))).toEqual([
      { section: 'about', message: 'Complete “About your project”' },
      { section: 'budget', message: 'Complete “Budget”' },
    ]);
    expect(submitProblems(ready({ sections: new Map() }))).toEqual(
      SECTION_TITLES.map(([section, title]) => ({ section, message: `Complete “${title}”` })),
    );
  });

  it('checks a section marked complete again in full, so answers saved under older rules are caught', () => {
    const sections = completeSections();
    sections.set('about', {
      data: { title: 'x'.repeat(141), summary: 'A', description: 'B' },
      complete: true,
    });
    sections.set('declarations', {
      data: { ...completeSectionData(REFS).declarations, accurate: false },
      complete: true,
    });
    expect(submitProblems(ready({ sections }))).toEqual([
      { section: 'about', message: 'Check your answers in “About your project”' },
      { section: 'declarations', message: 'Check your answers in “Declarations”' },
    ]);
  });

  it('checks complete sections against the fund’s rules as they are now: cap, delivery period, priorities', () => {
    const fund = { ...FUND, capPence: 400_000, deliveryEndsOn: '2020-03-31', priorityIds: [id(12)] };
    expect(submitProblems(ready({ fund }))).toEqual([
      { section: 'priorities', message: 'Choose one of this fund’s priorities' },
      { section: 'timetable', message: 'The project must finish between 1 April 2019 and 31 March 2020' },
      {
        section: 'budget',
        message: 'Your budget adds up to £5,000, which is more than the most you can ask for, £4,000',
      },
    ]);
  });

  it('checks a budget’s shape before its total: a wrong budget is reported once, not also as over the cap', () => {
    const sections = completeSections();
    sections.set('budget', {
      data: { lines: [{ item: 'Hall', category: 'venue', costPence: 9_999_999.5 }], otherFunding: [] },
      complete: true,
    });
    expect(submitProblems(ready({ sections }))).toEqual([
      { section: 'budget', message: 'Check your answers in “Budget”' },
    ]);
  });

  it('asks for each required document not uploaded; another kind of document does not stand in for one', () => {
    expect(submitProblems(ready({ attachmentKinds: [] }))).toEqual([
      { section: 'documents', message: 'Upload your governing document' },
      { section: 'documents', message: 'Upload your latest accounts or bank statement' },
    ]);
    expect(submitProblems(ready({ attachmentKinds: ['other', 'accounts'] }))).toEqual([
      { section: 'documents', message: 'Upload your governing document' },
    ]);
  });

  it('asks for a safeguarding policy only from a group working with children or adults at risk', () => {
    expect(
      submitProblems(
        ready({ eligibility: { ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'yes' } }),
      ),
    ).toEqual([{ section: 'documents', message: 'Upload your safeguarding policy' }]);
    expect(
      submitProblems(
        ready({ eligibility: { ...ELIGIBLE, worksWithAtRisk: 'no', safeguardingPolicy: 'no' } }),
      ),
    ).toEqual([]);
  });

  it('lists everything at once, in order: the fund’s dates, eligibility, the sections, the documents', () => {
    const problems = submitProblems(
      ready({
        now: new Date(FUND.closesAt),
        eligibility: { ...ELIGIBLE, notForProfit: 'no' },
        sections: new Map(),
        attachmentKinds: [],
      }),
    );
    expect(problems.map((p) => p.section)).toEqual([
      'bid',
      'eligibility',
      ...SECTION_TITLES.map(([section]) => section),
      'documents',
      'documents',
    ]);
  });
});

describe('formatReference', () => {
  it('joins the fund’s code, the year and the number padded to four digits', () => {
    expect(formatReference('PCF', 2019, 42)).toBe('PCF-2019-0042');
    expect(formatReference('PYF', 2020, 1)).toBe('PYF-2020-0001');
    expect(formatReference('PCF', 2019, 9999)).toBe('PCF-2019-9999');
  });

  it('lets the number grow past four digits rather than cut it', () => {
    expect(formatReference('PCF', 2019, 10_000)).toBe('PCF-2019-10000');
  });

  it('can be read back, and sorts in the order given up to the 9,999th bid of a year', () => {
    const code = fc.stringMatching(/^[A-Z]{2,6}$/);
    const year = fc.integer({ min: 2000, max: 2099 });
    const number = fc.integer({ min: 1, max: 9_999 });
    fc.assert(
      fc.property(code, year, number, number, (c, y, a, b) => {
        const reference = formatReference(c, y, a);
        const [readCode, readYear, readNumber] = reference.split('-');
        expect([readCode, Number(readYear), Number(readNumber)]).toEqual([c, y, a]);
        const other = formatReference(c, y, b);
        expect(reference < other).toBe(a < b);
      }),
    );
  });
});

describe('nextAction', () => {
  const bid = (status: BidStatus, returnMessage: string | null = null) => ({
    status,
    returnMessage,
    closesAt: FUND.closesAt,
    amountRequestedPence: 1_234_567,
  });

  it('asks the group to finish a draft by the fund’s closing time, while staff wait for them', () => {
    expect(nextAction(bid('draft'), 'group')).toBe(
      'Complete every section and send your bid by 5pm on 30 June 2019',
    );
    expect(nextAction(bid('draft'), 'staff')).toBe('The group is writing this bid');
  });

  it('asks the group to make the changes asked for when a draft was returned, and staff to wait for them', () => {
    const returned = bid('draft', 'Please upload your safeguarding policy.');
    expect(nextAction(returned, 'group')).toBe(
      'Make the changes the grants team asked for, then send your bid again',
    );
    expect(nextAction(returned, 'staff')).toBe('Waiting for the group to make changes');
  });

  it.each([
    ['submitted', 'The grants team will check that your group can apply', 'Check eligibility (screening)'],
    ['eligible', 'Panel members will assess your bid', 'Assign assessors'],
    ['in_assessment', 'Panel members are assessing your bid', 'Waiting for assessors’ scores'],
    ['scored', 'The panel will decide on your bid', 'Decide at the panel (asks for £12,345.67)'],
    ['deferred', 'The panel will look at your bid again', 'Decide at a later panel'],
    ['awarded', 'Accept your grant offer', 'Waiting for the group to accept the offer'],
  ] as const)('says what happens next to a %s bid: for the group, then for staff', (status, group, staff) => {
    expect(nextAction(bid(status), 'group')).toBe(group);
    expect(nextAction(bid(status), 'staff')).toBe(staff);
  });

  it('tells staff, not the group, how much a scored bid asks for', () => {
    expect(nextAction(bid('scored'), 'staff')).toContain('£12,345.67');
    expect(nextAction(bid('scored'), 'group')).not.toContain('£');
  });

  it('leaves nothing more to do, for anyone, once a bid is rejected, ineligible or withdrawn', () => {
    for (const status of ['rejected', 'ineligible', 'withdrawn'] as const) {
      expect(nextAction(bid(status), 'group')).toBe('Nothing more to do');
      expect(nextAction(bid(status), 'staff')).toBe('Nothing more to do');
    }
  });

  it('heeds the officer’s message only while the bid is a draft', () => {
    for (const status of BidStatus.options.filter((s) => s !== 'draft')) {
      for (const viewer of ['group', 'staff'] as const) {
        expect(nextAction(bid(status, 'Please add a budget line.'), viewer)).toBe(
          nextAction(bid(status), viewer),
        );
      }
    }
  });

  it('has words for every status, for the group and for staff', () => {
    for (const status of BidStatus.options) {
      for (const viewer of ['group', 'staff'] as const) {
        expect(nextAction(bid(status), viewer), `${status} for ${viewer}`).toMatch(/\w/);
      }
    }
  });
});

describe('one document for each thing asked for', () => {
  const required = ['governing_document', 'accounts'] as const;

  it('finds a required document filled only by the file given for another', () => {
    expect(
      repeatedDocuments(required, [
        { kind: 'governing_document', sha256: 'a' },
        { kind: 'accounts', sha256: 'a' },
      ]),
    ).toEqual([{ kind: 'accounts', sameAs: 'governing_document' }]);
    // A second, different file for the accounts fills the place.
    expect(
      repeatedDocuments(required, [
        { kind: 'governing_document', sha256: 'a' },
        { kind: 'accounts', sha256: 'a' },
        { kind: 'accounts', sha256: 'b' },
      ]),
    ).toEqual([]);
  });

  it('refuses the same file for a second required document, not for an extra one', () => {
    const files = [{ kind: 'governing_document' as const, sha256: 'a' }];
    expect(sameFileRefusal(required, files, { kind: 'accounts', sha256: 'a' })).toBe(
      'This is the same file you uploaded as your governing document. Choose your latest accounts or bank statement.',
    );
    expect(sameFileRefusal(required, files, { kind: 'other', sha256: 'a' })).toBeNull();
    expect(sameFileRefusal(required, files, { kind: 'accounts', sha256: 'b' })).toBeNull();
  });

  it('stops a bid being sent while one file fills two required places', () => {
    expect(
      submitProblems(ready({ repeatedDocuments: [{ kind: 'accounts', sameAs: 'governing_document' }] })),
    ).toEqual([
      {
        section: 'documents',
        message:
          'Upload your latest accounts or bank statement: the file you gave is the same one as your governing document',
      },
    ]);
  });

  it('stops a bid being sent that chose City-wide beside single wards', () => {
    const sections = completeSections();
    const beneficiaries = sections.get('beneficiaries');
    sections.set('beneficiaries', {
      complete: true,
      data: { ...beneficiaries?.data, wardIds: [REFS.cityWideId, REFS.wardIds[0]] },
    });
    expect(submitProblems(ready({ sections, cityWideWardIds: [REFS.cityWideId] }))).toEqual([
      {
        section: 'beneficiaries',
        message: 'Choose City-wide on its own, or choose the wards your project works in',
      },
    ]);
  });
});
