import { QUALITY_CHECKS } from '@cf/shared';
import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  type CheckedGrant,
  type Funder,
  flatten360,
  type Grant360,
  isPublished,
  mentionsName,
  mentionsPhone,
  organisationIdentifier,
  qualityFindings,
  toGrant360,
} from '../../../src/modules/opendata/rules.js';

const FUNDER: Funder = {
  name: 'Peterborough City Council',
  orgId: 'GB-LAE-PTE',
  prefix: '360G-peterboroughcc',
  department: 'Communities',
  areaName: 'Peterborough',
  license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};
const TODAY = '2019-11-01';

/** A grant every check passes; each test spoils one thing. */
function goodGrant(): Grant360 {
  return {
    id: '360G-peterboroughcc-PCF-2019-0001',
    title: 'Chat and Chai',
    description: 'Weekly conversation café where neighbours practise English over tea.',
    currency: 'GBP',
    amountAppliedFor: 5000,
    amountAwarded: 5000,
    amountDisbursed: 4000,
    awardDate: '2019-05-20',
    plannedDates: [{ startDate: '2019-06-01', endDate: '2020-03-31' }],
    recipientOrganization: [{ id: 'GB-CHC-1123456', name: 'Ravensthorpe Café', charityNumber: '1123456' }],
    fundingOrganization: [{ id: 'GB-LAE-PTE', name: 'Peterborough City Council' }],
    beneficiaryLocation: [
      { name: 'Ravensthorpe', countryCode: 'GB', geoCode: 'E05010816', geoCodeType: 'WD' },
    ],
    grantProgramme: [{ code: 'PCF', title: 'Communities Fund' }],
    classifications: [{ vocabulary: '360G-peterboroughcc-priorities', code: 'x', title: 'English Language' }],
    dateModified: '2019-06-01T10:00:00.000Z',
  };
}

function checked(grant: Grant360, people: Partial<CheckedGrant['people']> = {}): CheckedGrant {
  return {
    grant,
    ref: { grantId: 'g1', bidId: 'b1', identifier: grant.id, title: grant.title },
    people: { names: ['Amina Hussain'], phones: ['01733 123456'], ...people },
  };
}

const found = (grant: Grant360, people?: Partial<CheckedGrant['people']>) =>
  qualityFindings([checked(grant, people)], TODAY).map((f) => f.check);

describe('the quality check', () => {
  it('finds nothing on a good grant, and runs every check the shared list names', () => {
    expect(found(goodGrant())).toEqual([]);
    expect(CHECKS.map((c) => c.key)).toEqual([...QUALITY_CHECKS]);
    for (const c of CHECKS) {
      expect(c.title).toBeTruthy();
      expect(c.fix).toBeTruthy();
      expect(c.why).toBeTruthy();
    }
  });

  const spoiled: [string, (g: Grant360) => void, Partial<CheckedGrant['people']>?][] = [
    [
      'recipient_local_id_with_number',
      (g) => {
        g.recipientOrganization = [{ id: '360G-peterboroughcc-org-1', name: 'X', charityNumber: '1123456' }];
      },
    ],
    [
      'charity_number_looks_wrong',
      (g) => {
        g.recipientOrganization = [{ id: 'GB-CHC-12345', name: 'X', charityNumber: '12345' }];
      },
    ],
    [
      'company_number_looks_wrong',
      (g) => {
        g.recipientOrganization = [{ id: 'GB-COH-123', name: 'X', companyNumber: '123' }];
      },
    ],
    [
      'title_same_as_description',
      (g) => {
        g.description = '  chat AND chai ';
      },
    ],
    [
      'title_too_long',
      (g) => {
        g.title = 'A'.repeat(141);
      },
    ],
    [
      'no_beneficiary_location_code',
      (g) => {
        g.beneficiaryLocation = [{ name: 'Ravensthorpe', countryCode: 'GB' }];
      },
    ],
    [
      'award_date_in_future',
      (g) => {
        g.awardDate = '2019-11-02';
      },
    ],
    [
      'planned_end_before_start',
      (g) => {
        g.plannedDates = [{ startDate: '2019-06-01', endDate: '2019-05-31' }];
      },
    ],
    [
      'looks_like_email',
      (g) => {
        g.description = 'Write to info@cafe.org.uk to join.';
      },
    ],
    [
      'looks_like_person_name',
      (g) => {
        g.description = 'Run by amina  hussain every Tuesday.';
      },
    ],
    [
      'zero_amount',
      (g) => {
        g.amountAwarded = 0;
      },
    ],
    [
      'no_grant_programme',
      (g) => {
        g.grantProgramme = [];
      },
    ],
    [
      'no_last_modified',
      (g) => {
        g.dateModified = undefined;
      },
    ],
  ];

  it.each(spoiled)('finds %s, and only that', (check, spoil) => {
    const grant = goodGrant();
    spoil(grant);
    expect(found(grant)).toEqual([check]);
  });

  it('names the grants each finding affects', () => {
    const bad = goodGrant();
    bad.amountAwarded = 0;
    const findings = qualityFindings(
      [checked(goodGrant()), { ...checked(bad), ref: { ...checked(bad).ref, grantId: 'g2' } }],
      TODAY,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.grants.map((g) => g.grantId)).toEqual(['g2']);
  });

  it('finds a phone number of the group’s contact however it is spaced', () => {
    const grant = goodGrant();
    grant.description = 'Call 01733-123-456 to book.';
    expect(found(grant)).toEqual(['looks_like_person_name']);
  });

  it('looks for full names only, as whole words (one-word names and parts of words would give false alarms)', () => {
    expect(mentionsName('Meet Amina Hussain there', 'Amina Hussain')).toBe(true);
    expect(mentionsName('Meet Amina there', 'Amina Hussain')).toBe(false);
    expect(mentionsName('Park Road garden', 'Park')).toBe(false);
    expect(mentionsName('xAmina Hussainy', 'Amina Hussain')).toBe(false);
    expect(mentionsPhone('tel +44 1733 123456', '01733 123456')).toBe(true);
    expect(mentionsPhone('2019', '2019')).toBe(false);
  });
});

describe('what is published', () => {
  it('leaves out declined offers and grants ended early with all the award back', () => {
    expect(isPublished({ status: 'offered', awardPence: 100, returnedPence: 0 })).toBe(true);
    expect(isPublished({ status: 'in_delivery', awardPence: 100, returnedPence: 0 })).toBe(true);
    expect(isPublished({ status: 'completed', awardPence: 100, returnedPence: 10 })).toBe(true);
    expect(isPublished({ status: 'ended_early', awardPence: 100, returnedPence: 40 })).toBe(true);
    expect(isPublished({ status: 'ended_early', awardPence: 100, returnedPence: 100 })).toBe(false);
    expect(isPublished({ status: 'declined', awardPence: 100, returnedPence: 100 })).toBe(false);
  });

  it('identifies a group by its register where it has a number, else by a local 360G- id', () => {
    const id = 'f1e2';
    expect(
      organisationIdentifier({ id, type: 'registered_charity', registeredNumber: '1123456' }, FUNDER.prefix),
    ).toBe('GB-CHC-1123456');
    expect(organisationIdentifier({ id, type: 'cio', registeredNumber: '1178901' }, FUNDER.prefix)).toBe(
      'GB-CHC-1178901',
    );
    expect(organisationIdentifier({ id, type: 'company', registeredNumber: 'sc123456' }, FUNDER.prefix)).toBe(
      'GB-COH-SC123456',
    );
    expect(organisationIdentifier({ id, type: 'school', registeredNumber: '110123' }, FUNDER.prefix)).toBe(
      'GB-EDU-110123',
    );
    expect(organisationIdentifier({ id, type: 'company', registeredNumber: null }, FUNDER.prefix)).toBe(
      '360G-peterboroughcc-org-f1e2',
    );
    expect(
      organisationIdentifier({ id, type: 'parish_council', registeredNumber: null }, FUNDER.prefix),
    ).toBe('360G-peterboroughcc-org-f1e2');
  });

  it('places City-wide as the council’s area (UA) and a ward as WD, leaving out a code nobody entered', () => {
    const grant = toGrant360(
      {
        grantId: 'g',
        bidReference: 'PCF-2019-0001',
        bidTitle: 'T',
        purpose: 'P',
        amountAppliedForPence: 100_050,
        awardPence: 100_000,
        paidPence: 80_000,
        awardDate: '2019-05-20',
        organisation: { id: 'o', name: 'Group', type: 'community_group', registeredNumber: null },
        wards: [
          { name: 'City-wide', isCityWide: true, code: 'E06000031' },
          { name: 'Park', isCityWide: false, code: 'E05010814' },
          { name: 'North', isCityWide: false, code: null },
        ],
        priority: null,
        timetable: { startDate: '2019-06-01', endDate: 'not a date' },
        dateModified: null,
      },
      { code: 'PCF', name: 'Communities Fund' },
      FUNDER,
    );
    expect(grant.beneficiaryLocation).toEqual([
      { name: 'Peterborough', countryCode: 'GB', geoCode: 'E06000031', geoCodeType: 'UA' },
      { name: 'Park', countryCode: 'GB', geoCode: 'E05010814', geoCodeType: 'WD' },
      { name: 'North', countryCode: 'GB' },
    ]);
    expect(grant).toMatchObject({ amountAppliedFor: 1000.5, amountAwarded: 1000, amountDisbursed: 800 });
    expect(grant.plannedDates).toBeUndefined();
    expect(grant.classifications).toBeUndefined();
    expect(grant.dateModified).toBeUndefined();
    const { header, rows } = flatten360([grant]);
    expect(header).toContain('Beneficiary Location:2:Geographic Code');
    expect(rows[0]?.[header.indexOf('Beneficiary Location:1:Name')]).toBe('Park');
  });
});
