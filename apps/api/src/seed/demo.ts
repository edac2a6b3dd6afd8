import { isoToLondonLocal, londonLocalToIso, needsSecondFactor, type Role } from '@cf/shared';
import type { Db, Queryable } from '../db/client.js';
import {
  fundCriteria,
  fundPriorities,
  funds,
  memberships,
  organisations,
  priorities,
  secondFactors,
  userRoles,
  users,
  wards,
} from '../db/schema/index.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { recordAudit } from '../modules/audit/repository.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { COMMUNITIES_FUND_CRITERIA, YOUTH_FUND_CRITERIA } from './criteria.js';
import { seedDemoAssessment, writeDemoAudit } from './demo-assessment.js';
import { type StoreFile, seedDemoBids } from './demo-bids.js';
import { seedDemoMoney } from './demo-money.js';
import {
  DEMO_GRANT_ORGANISATIONS,
  DEMO_YOUTH_ORGANISATIONS,
  type DemoOrganisation,
} from './demo-projects.js';
import { seedDemoReports } from './demo-reports.js';

/** The password of every demo user (PRODUCT.md section 9). Demo data only. */
export const DEMO_PASSWORD = 'communities-fund-demo';

interface DemoUser {
  email: string;
  name: string;
  roles: { role: Role; fund?: 'communities' | 'youth' }[];
  organisation?: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'applicant@demo.test',
    name: 'Amina Hussain',
    roles: [{ role: 'applicant' }],
    organisation: 'Millfield Community Kitchen',
  },
  {
    email: 'applicant2@demo.test',
    name: 'Tomas Petrauskas',
    roles: [{ role: 'applicant' }],
    organisation: 'Basketball Club Vytis',
  },
  {
    email: 'assessor@demo.test',
    name: 'Cllr Margaret Ellis',
    roles: [{ role: 'assessor', fund: 'communities' }],
  },
  { email: 'assessor2@demo.test', name: 'Daniel Okafor', roles: [{ role: 'assessor', fund: 'communities' }] },
  { email: 'assessor3@demo.test', name: 'Priya Sharma', roles: [{ role: 'assessor', fund: 'communities' }] },
  { email: 'officer@demo.test', name: 'Sarah Whitfield', roles: [{ role: 'officer' }] },
  {
    email: 'officer2@demo.test',
    name: 'James Mensah',
    roles: [{ role: 'officer' }, { role: 'assessor', fund: 'communities' }],
  },
  { email: 'finance@demo.test', name: 'Helen Clarke', roles: [{ role: 'finance' }] },
  { email: 'finance2@demo.test', name: 'Robert Kowalski', roles: [{ role: 'finance' }] },
  // Youth Commissioners: the Youth Fund needs three assessors for each bid, and one may declare a conflict.
  { email: 'youth@demo.test', name: 'Zara Ahmed', roles: [{ role: 'assessor', fund: 'youth' }] },
  { email: 'youth2@demo.test', name: 'Kai Thompson', roles: [{ role: 'assessor', fund: 'youth' }] },
  { email: 'youth3@demo.test', name: 'Maya Kowalczyk', roles: [{ role: 'assessor', fund: 'youth' }] },
  { email: 'youth4@demo.test', name: 'Ibrahim Yusuf', roles: [{ role: 'assessor', fund: 'youth' }] },
  { email: 'admin@demo.test', name: 'Alex Morgan', roles: [{ role: 'admin' }] },
];

/**
 * Demo organisations: Millfield Community Kitchen (applicant@'s group), the six groups the council's
 * reports name (Basketball Club Vytis is applicant2@'s), and the invented groups of demo-projects.ts.
 * Registered numbers are made up, from ranges not yet issued (charities 1990xxx, companies 99xxxxxx,
 * school URNs 999xxx), so they belong to nobody and open data never points at a real organisation.
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Millfield Community Kitchen',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Millfield and New England',
    addressLine1: '12 Lincoln Road',
    postcode: 'PE1 2RL',
    contactName: 'Amina Hussain',
  },
  {
    name: 'Basketball Club Vytis',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Central',
    addressLine1: 'Regional Pool and Fitness Centre, Bishops Road',
    postcode: 'PE1 5BW',
    contactName: 'Tomas Petrauskas',
  },
  {
    name: 'Olive Branch Community Garden',
    type: 'cio',
    registeredNumber: '1990101',
    ward: 'Park',
    addressLine1: '3 Park Road',
    postcode: 'PE1 2TH',
    contactName: 'Grace Adeyemi',
  },
  {
    name: 'Disability Peterborough',
    type: 'registered_charity',
    registeredNumber: '1990102',
    ward: 'City-wide',
    addressLine1: 'Kingfisher Court, Hampton',
    postcode: 'PE7 8GX',
    contactName: 'Mark Doyle',
  },
  {
    name: 'Bainton and Ashton Parish Council',
    type: 'parish_council',
    registeredNumber: null,
    ward: 'Barnack',
    addressLine1: 'The Village Hall, Bainton',
    postcode: 'PE9 3AF',
    contactName: 'Susan Greaves',
  },
  {
    name: 'Langdyke Countryside Trust',
    type: 'registered_charity',
    registeredNumber: '1990103',
    ward: 'Glinton and Castor',
    addressLine1: 'Swaddywell Pit, Helpston',
    postcode: 'PE6 7EL',
    contactName: 'Ruth Barker',
  },
  {
    name: 'Fabric of Society',
    type: 'company',
    registeredNumber: '99000104',
    ward: 'Central',
    addressLine1: '45 Cowgate',
    postcode: 'PE1 1LZ',
    contactName: 'Halima Begum',
  },
  ...DEMO_GRANT_ORGANISATIONS,
  ...DEMO_YOUTH_ORGANISATIONS,
];

/** A date a number of days from now, at 5pm London time: demo deadlines stay in the future. */
function fivePmInDays(now: Date, days: number): string {
  const day = isoToLondonLocal(new Date(now.getTime() + days * 86_400_000).toISOString()).slice(0, 10);
  return londonLocalToIso(`${day}T17:00`);
}

/** The London date a number of days from now: demo scoring deadlines stay ahead. */
function londonDateInDays(now: Date, days: number): string {
  return isoToLondonLocal(new Date(now.getTime() + days * 86_400_000).toISOString()).slice(0, 10);
}

/** The conditions every demo grant carries (issue 10): the council's usual ones. */
export const DEMO_STANDARD_CONDITIONS = [
  { text: 'Acknowledge the council’s funding in your publicity', beforeFirstPayment: false },
  { text: 'Tell us at once if the project changes', beforeFirstPayment: false },
  { text: 'Keep receipts for six years', beforeFirstPayment: false },
  { text: 'Return money you do not spend', beforeFirstPayment: false },
  { text: 'Upload your safeguarding policy', beforeFirstPayment: true },
];

function seedFunds(q: Queryable, now: Date): { communities: string; youth: string } {
  const closes = fivePmInDays(now, 120);
  const deliveryEnds = `${Number(closes.slice(0, 4)) + 2}-03-31`;
  const communities = q
    .insert(funds)
    .values({
      name: 'Communities Fund',
      code: 'PCF',
      description:
        'Grants of up to £20,000 for community groups with projects that bring people from different backgrounds together and support greater integration in Peterborough.',
      potPence: 30_000_000,
      capPence: 2_000_000,
      opensAt: londonLocalToIso('2019-01-14T09:00'),
      closesAt: closes,
      deliveryStartsOn: '2019-04-01',
      deliveryEndsOn: deliveryEnds,
      minAssessors: 3,
      moderationThreshold: 2,
      scoresDueOn: londonDateInDays(now, 14),
      standardConditions: DEMO_STANDARD_CONDITIONS,
      // Where the council's finance system books the fund's payments (demo values).
      costCentre: 'CF100',
      accountCode: '5810',
    })
    .returning({ id: funds.id })
    .get().id;
  const youth = q
    .insert(funds)
    .values({
      name: 'Youth Fund',
      code: 'PYF',
      description:
        'Grants for projects by and for young people, allocated by the city’s trained Youth Commissioners.',
      potPence: 6_000_000,
      capPence: 500_000,
      opensAt: londonLocalToIso('2019-06-03T09:00'),
      closesAt: closes,
      deliveryStartsOn: '2019-09-01',
      deliveryEndsOn: deliveryEnds,
      minAssessors: 3,
      moderationThreshold: 2,
      scoresDueOn: londonDateInDays(now, 10),
      standardConditions: DEMO_STANDARD_CONDITIONS,
      costCentre: 'CF200',
      accountCode: '5810',
    })
    .returning({ id: funds.id })
    .get().id;

  const allPriorities = q.select().from(priorities).all();
  const youngPeople = allPriorities.find((p) => p.name === 'Young People');
  q.insert(fundPriorities)
    .values(allPriorities.map((p) => ({ fundId: communities, priorityId: p.id })))
    .run();
  if (youngPeople) q.insert(fundPriorities).values({ fundId: youth, priorityId: youngPeople.id }).run();

  // Each fund scores against its own criteria: the Youth Commissioners' are about young people.
  for (const [fundId, criteria] of [
    [communities, COMMUNITIES_FUND_CRITERIA],
    [youth, YOUTH_FUND_CRITERIA],
  ] as const) {
    q.insert(fundCriteria)
      .values(
        criteria.map((c, position) => ({
          fundId,
          position,
          title: c.title,
          description: c.description,
          weight: c.weight,
          guidance: [...c.guidance],
        })),
      )
      .run();
  }
  return { communities, youth };
}

export interface DemoIds {
  funds: { communities: string; youth: string };
  users: Record<string, string>;
  organisations: Record<string, string>;
}

/**
 * The demo (PRODUCT.md section 9), written into a new, empty database in one transaction: users,
 * groups, the project bank, the applicant journey's bids, and the fund as it stood in mid-2019 (19
 * awards, £215,000) with current bids in screening, assessment and waiting for the panel.
 */
export async function seedDemo(db: Db, now: Date, storeFile: StoreFile): Promise<DemoIds> {
  // One hash for all demo users: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return unitOfWork(db, (tx) => {
    const fundIds = seedFunds(tx, now);
    const wardIds = new Map(
      tx
        .select({ id: wards.id, name: wards.name })
        .from(wards)
        .all()
        .map((w) => [w.name, w.id]),
    );

    const organisationIds: Record<string, string> = {};
    const organisationRows = DEMO_ORGANISATIONS.map((org) => {
      const id = crypto.randomUUID();
      organisationIds[org.name] = id;
      return {
        id,
        name: org.name,
        type: org.type,
        registeredNumber: org.registeredNumber,
        addressLine1: org.addressLine1,
        town: 'Peterborough',
        postcode: org.postcode,
        wardId: wardIds.get(org.ward) ?? null,
        contactName: org.contactName,
        contactEmail: `contact@${org.name
          .normalize('NFD')
          .toLowerCase()
          .replace(/[^a-z]+/g, '-')
          .replace(/^-|-$/g, '')}.demo.test`,
      };
    });
    tx.insert(organisations).values(organisationRows).run();

    const userIds: Record<string, string> = {};
    for (const demo of DEMO_USERS) {
      const user = tx
        .insert(users)
        .values({
          email: demo.email,
          name: demo.name,
          passwordHash,
          status: 'active',
          emailVerifiedAt: now.toISOString(),
        })
        .returning({ id: users.id })
        .get();
      userIds[demo.email] = user.id;
      for (const grant of demo.roles) {
        tx.insert(userRoles)
          .values({ userId: user.id, role: grant.role, fundId: grant.fund ? fundIds[grant.fund] : null })
          .run();
      }
      const orgId = demo.organisation ? organisationIds[demo.organisation] : undefined;
      if (orgId) tx.insert(memberships).values({ userId: user.id, organisationId: orgId }).run();
      // Staff set up with the demo's published authenticator secret (README), so anyone can try it.
      if (demo.roles.some((grant) => needsSecondFactor(grant.role))) {
        tx.insert(secondFactors)
          .values({
            userId: user.id,
            secret: DEMO_TOTP_SECRET,
            createdAt: now.getTime(),
            confirmedAt: now.getTime(),
          })
          .run();
      }
    }

    seedDemoBids(
      tx,
      now,
      {
        fundId: fundIds.communities,
        users: userIds,
        organisations: organisationIds,
        officerId: userIds['officer@demo.test'] ?? '',
      },
      storeFile,
    );
    const events = seedDemoAssessment(
      tx,
      now,
      {
        fundId: fundIds.communities,
        youthFundId: fundIds.youth,
        users: userIds,
        organisations: organisationIds,
      },
      storeFile,
    );
    // What happened to the grants since (issue 10): offers issued and accepted, payments, a return.
    events.push(...seedDemoMoney(tx, now, { fundId: fundIds.communities, users: userIds, passwordHash }));
    // Their monitoring reports (issue 11): approved, returned, overdue, one grant completed and paid.
    events.push(...seedDemoReports(tx, now, { fundId: fundIds.communities, users: userIds }));
    writeDemoAudit(tx, events);

    recordAudit(tx, {
      actorId: null,
      action: 'system.demo_seeded',
      entityType: 'system',
      after: { users: DEMO_USERS.length, organisations: DEMO_ORGANISATIONS.length },
    });
    return { funds: fundIds, users: userIds, organisations: organisationIds };
  });
}

/**
 * The TOTP secret (base32; SHA-1, 6 digits, 30 seconds) every demo staff account's second factor
 * uses: PRODUCT.md section 9 publishes it, and the README lists it, so that anyone trying the demo
 * can add it to an authenticator app. Demo data only.
 */
export const DEMO_TOTP_SECRET = 'COMMUNITIESFUNDDEMOSTAFFTOTPKEY2';

/** A database is new when nobody has ever been added to it. */
export function isEmptyDatabase(q: Queryable): boolean {
  return q.select({ id: users.id }).from(users).limit(1).get() === undefined;
}
