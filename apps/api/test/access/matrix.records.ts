// The callers and the records the access matrix asks about, all found in the demo data.
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { Client, signedIn } from '../support/client.js';
import { userIdOf } from '../support/database.js';
import { postMultipart, testFiles } from '../support/files.js';

/**
 * Who asks. `halfSignedIn` is a staff member who gave the password but not yet the code from
 * their authenticator app: the session cookie exists, but nobody is signed in yet.
 */
export const CALLERS = [
  'anonymous',
  'halfSignedIn',
  'assessor',
  'youth',
  'finance',
  'officer',
  'admin',
  'applicant',
  'applicant2',
  'grantee',
] as const;
export type Caller = (typeof CALLERS)[number];

/** The demo groups whose records are asked about (M, V and F each have a caller as a member). */
export const GROUPS = {
  /** Millfield Community Kitchen: applicant@ is a member. A sent bid, no grant. */
  M: 'Millfield Community Kitchen',
  /** Basketball Club Vytis: applicant2@ is a member. An awarded bid whose offer is still a draft. */
  V: 'Basketball Club Vytis',
  /** Fletton Faith Forum: grantee (its contact) is a member. A grant in delivery, paid, reporting. */
  F: 'Fletton Faith Forum',
  /** Ortons Cricket for All: no caller is a member. A grant in delivery, its first payment asked for. */
  O: 'Ortons Cricket for All',
} as const;
export type GroupKey = keyof typeof GROUPS;

export const CALLER_EMAILS: Record<Exclude<Caller, 'anonymous'>, string> = {
  halfSignedIn: 'finance2@demo.test',
  assessor: 'assessor@demo.test',
  youth: 'youth@demo.test',
  finance: 'finance@demo.test',
  officer: 'officer@demo.test',
  admin: 'admin@demo.test',
  applicant: 'applicant@demo.test',
  applicant2: 'applicant2@demo.test',
  grantee: 'contact@fletton-faith-forum.demo.test',
};

/** The group each member caller belongs to. */
export const MEMBER_OF: Partial<Record<Caller, GroupKey>> = { applicant: 'M', applicant2: 'V', grantee: 'F' };

/** A client for the caller, signed in as far as the caller is. */
export async function clientFor(app: App, caller: Caller): Promise<Client> {
  if (caller === 'anonymous') return new Client(app);
  if (caller === 'halfSignedIn') {
    const client = new Client(app);
    const response = await client.loginWithPassword(CALLER_EMAILS.halfSignedIn);
    if (response.statusCode !== 200 || response.json().secondFactor !== 'totp') {
      throw new Error(`Half sign-in failed: ${response.statusCode} ${response.body}`);
    }
    return client;
  }
  return signedIn(app, CALLER_EMAILS[caller]);
}

/**
 * One record a route is asked about: the values of its path parameters, a label for the
 * expectations, and whose it is (a group's, or one person's), which decides "own" or "other".
 */
export interface Target {
  label: string;
  params: Record<string, string>;
  group?: GroupKey;
  user?: Caller;
}

/** An id nothing has: for records the demo has none of (the same answer as for another's). */
export const UNKNOWN_ID = '5b1d6c1e-0d4c-4b8e-9d0a-3f2e1c0b9a87';
const UNKNOWN_TOKEN = 'nO7aReAlToKeN0000000000000000000000000000000';

function one(app: App, query: ReturnType<typeof sql>, what: string): string {
  const row = app.db.get<{ id: string } | undefined>(query);
  if (!row) throw new Error(`The demo has no ${what}`);
  return row.id;
}

/** The records of the demo, looked up once per app. */
function demoRecords(app: App) {
  const org = (g: GroupKey) =>
    one(app, sql`select id from organisations where name = ${GROUPS[g]}`, GROUPS[g]);
  const orgs = { M: org('M'), V: org('V'), F: org('F'), O: org('O') };
  const bidOf = (g: GroupKey, title: string) =>
    one(app, sql`select id from bids where title = ${title} and organisation_id = ${orgs[g]}`, title);
  const bids = { M: bidOf('M', 'Welcome Table Supper Club'), V: bidOf('V', 'Basketball for All') };
  const attachmentOf = (bidId: string) =>
    one(app, sql`select id from attachments where bid_id = ${bidId} order by id limit 1`, 'attachment');
  const grantOf = (g: GroupKey) =>
    one(app, sql`select id from grants where organisation_id = ${orgs[g]}`, `grant of ${GROUPS[g]}`);
  const grants = { V: grantOf('V'), F: grantOf('F'), O: grantOf('O') };
  const conditionOf = (grantId: string) =>
    one(
      app,
      sql`select id from grant_conditions where grant_id = ${grantId} order by position limit 1`,
      'condition',
    );
  const reportOf = (g: GroupKey) =>
    one(
      app,
      sql`select id from grant_reports where grant_id = ${grants[g as 'F' | 'O']} and kind = 'mid_point'`,
      'report',
    );
  const paymentOf = (g: GroupKey) =>
    one(app, sql`select id from payments where grant_id = ${grants[g as 'F' | 'O']} limit 1`, 'payment');
  const bankOf = (g: GroupKey) =>
    one(app, sql`select id from bank_accounts where organisation_id = ${orgs[g]} limit 1`, 'bank account');
  const fundOf = (name: string) => one(app, sql`select id from funds where name = ${name}`, name);
  const assignmentOf = (email: string, title: string) =>
    one(
      app,
      sql`select a.id from assignments a join users u on u.id = a.assessor_id join bids b on b.id = a.bid_id
          where u.email = ${email} and b.title = ${title}`,
      `assignment of ${email}`,
    );
  const assessorAssignment = assignmentOf('assessor@demo.test', 'School Gate English');
  const youthAssignment = assignmentOf('youth@demo.test', 'Our Voice Podcast');
  const bidOfAssignment = (id: string) =>
    one(app, sql`select bid_id as id from assignments where id = ${id}`, 'bid');
  const roleOf = (email: string) =>
    one(
      app,
      sql`select id from user_roles where user_id = ${userIdOf(app, email)} limit 1`,
      `role of ${email}`,
    );
  return {
    orgs,
    bids,
    bidAttachments: { M: attachmentOf(bids.M), V: attachmentOf(bids.V) },
    grants,
    conditions: { F: conditionOf(grants.F), V: conditionOf(grants.V) },
    reports: { F: reportOf('F'), O: reportOf('O') },
    payments: { F: paymentOf('F'), O: paymentOf('O') },
    banks: { F: bankOf('F'), O: bankOf('O') },
    funds: { main: fundOf('Communities Fund'), youth: fundOf('Youth Fund') },
    assignments: { assessor: assessorAssignment, youth: youthAssignment },
    assignmentDocuments: {
      assessor: attachmentOf(bidOfAssignment(assessorAssignment)),
      youth: attachmentOf(bidOfAssignment(youthAssignment)),
    },
    need: one(app, sql`select id from needs order by id limit 1`, 'need'),
    ward: one(app, sql`select id from wards order by id limit 1`, 'ward'),
    priority: one(app, sql`select id from priorities order by id limit 1`, 'priority'),
    assessor2: userIdOf(app, 'assessor2@demo.test'),
    staffUser: userIdOf(app, 'officer2@demo.test'),
    staffRole: roleOf('officer2@demo.test'),
    members: { M: userIdOf(app, CALLER_EMAILS.applicant), F: userIdOf(app, CALLER_EMAILS.grantee) },
  };
}
/**
 * The demo's records, and the few it lacks, made as people make them: a fund being set up (not
 * published) by the officer, and a piece of evidence on each grant's report by a member of its group.
 */
export async function matrixRecords(app: App) {
  const records = demoRecords(app);
  const officer = await clientFor(app, 'officer');
  const draft = await officer.post('/api/funds', { ...fundBody(records, 'MXD'), published: false });
  if (draft.statusCode !== 201) throw new Error(`Could not set up a fund: ${draft.statusCode} ${draft.body}`);
  const evidenceOf = async (email: string, reportId: string) => {
    const response = await postMultipart(await signedIn(app, email), `/api/reports/${reportId}/evidence`, [
      { name: 'file', filename: 'matrix.jpg', content: testFiles.jpeg() },
    ]);
    if (response.statusCode !== 201)
      throw new Error(`Could not add evidence: ${response.statusCode} ${response.body}`);
    return (response.json() as { id: string }).id;
  };
  return {
    ...records,
    funds: { ...records.funds, draft: (draft.json() as { id: string }).id },
    evidence: {
      F: await evidenceOf(CALLER_EMAILS.grantee, records.reports.F),
      O: await evidenceOf('contact@ortons-cricket-for-all.demo.test', records.reports.O),
    },
  };
}
export type DemoRecords = Awaited<ReturnType<typeof matrixRecords>>;

/**
 * The records a path is asked about, from its parameters. A path with no parameters is asked once.
 * Two groups' records where the record belongs to a group, so a member sees their own and
 * another's; for records that belong to a person (an assessor's assignment), two people's.
 */
export function targetsFor(path: string, r: DemoRecords): Target[] {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (names.length === 0) return [{ label: '-', params: {} }];
  const first = names[0];
  const both = <K extends string>(groups: readonly K[], make: (g: K) => Record<string, string>) =>
    groups.map((g) => ({ label: g, group: g as unknown as GroupKey, params: make(g) }));
  switch (first) {
    case 'organisationId':
      return both(['M', 'F'] as const, (g) => ({ organisationId: r.orgs[g], userId: r.members[g] }));
    case 'bidId':
      return both(['M', 'V'] as const, (g) => ({
        bidId: r.bids[g],
        attachmentId: r.bidAttachments[g],
        section: 'about',
      }));
    case 'grantId':
      return both(['F', 'V'] as const, (g) => ({ grantId: r.grants[g], conditionId: r.conditions[g] }));
    case 'reportId':
      return both(['F', 'O'] as const, (g) => ({
        reportId: r.reports[g],
        section: 'progress',
        evidenceId: r.evidence[g],
      }));
    case 'paymentId':
      return both(['F', 'O'] as const, (g) => ({ paymentId: r.payments[g] }));
    case 'bankAccountId':
      return both(['F', 'O'] as const, (g) => ({ bankAccountId: r.banks[g] }));
    case 'fundId':
      return (['main', 'youth', 'draft'] as const).map((f) => ({
        label: f,
        params: { fundId: r.funds[f], kind: 'scores' },
      }));
    case 'assignmentId':
      return (['assessor', 'youth'] as const).map((who) => ({
        label: who,
        user: who,
        params: { assignmentId: r.assignments[who], attachmentId: r.assignmentDocuments[who] },
      }));
    case 'needId':
      return [{ label: 'need', params: { needId: r.need } }];
    case 'wardId':
      return [{ label: 'ward', params: { wardId: r.ward } }];
    case 'token':
      return [{ label: 'unknown', params: { token: UNKNOWN_TOKEN } }];
    case 'requestId':
      return [{ label: 'unknown', params: { requestId: UNKNOWN_ID } }];
    case 'userId':
      return [{ label: 'staff', params: { userId: r.staffUser, grantId: r.staffRole } }];
  }
  throw new Error(`The access matrix does not know which records to ask ${path} about: add them here`);
}

/** The path with its parameters filled in. */
export function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

const TOKEN = 'aNaMeNoLinkEverHad0000000000';
const DATE = '2026-11-01';

/**
 * The body each write sends: one that passes the route's schema, so the answer is about who is
 * asking (and, for those who may, about the record's state), never a schema refusal. A write not
 * listed sends an empty object: the public sign-in steps, where any caller may try.
 */
export const BODIES: Record<string, (r: DemoRecords, t: Target) => unknown> = {
  'POST /api/auth/second-factor/setup/confirm': () => ({ code: '000000' }),
  'POST /api/admin/users': () => ({
    name: 'Matrix Person',
    email: 'matrix.person@example.org',
    role: 'assessor',
  }),
  'POST /api/admin/users/{userId}/roles': () => ({ role: 'finance' }),
  'POST /api/invitations/accept': () => ({ token: TOKEN, password: 'a long enough password 1' }),
  'POST /api/accounts/email-verification': () => ({ token: TOKEN }),
  'POST /api/accounts/password-reset/complete': () => ({
    token: TOKEN,
    password: 'a long enough password 1',
  }),
  'POST /api/accounts/email-change': () => ({ token: TOKEN }),
  'POST /api/account/password': () => ({
    currentPassword: 'not the password',
    password: 'a long enough password 1',
  }),
  'POST /api/account/email': () => ({
    email: 'someone.new@example.org',
    currentPassword: 'not the password',
  }),
  'POST /api/organisations': (r) => organisationBody(r, 'Matrix Group'),
  'PUT /api/organisations/{organisationId}': (r, t) => ({
    ...organisationBody(r, GROUPS[t.group ?? 'M']),
    version: 1,
  }),
  'POST /api/organisations/{organisationId}/invitations': () => ({ email: 'matrix.invitee@example.org' }),
  'POST /api/group-invitations/accept': () => ({ token: TOKEN }),
  'POST /api/bids': (r) => ({
    fundId: r.funds.main,
    organisationId: r.orgs.M,
    eligibility: {
      basedInPeterborough: 'yes',
      constituted: 'yes',
      bankAccount: 'yes',
      notForProfit: 'yes',
      withinCap: 'yes',
      withinDelivery: 'yes',
      worksWithAtRisk: 'no',
    },
  }),
  'PUT /api/bids/{bidId}/sections/{section}': () => ({ baseVersion: 0, complete: false, data: {} }),
  'POST /api/bids/{bidId}/withdraw': () => ({ reason: 'Asked by the access matrix' }),
  'POST /api/bids/{bidId}/return': () => ({ message: 'Asked by the access matrix' }),
  'POST /api/bids/{bidId}/screening': () => ({
    decision: 'eligible',
    checks: { documentsValid: true, groupVerified: true },
  }),
  'POST /api/needs': (r) => needBody(r),
  'PUT /api/needs/{needId}': (r) => needBody(r),
  'POST /api/bids/{bidId}/assignments': (r) => ({ assessorId: r.assessor2 }),
  'POST /api/funds/{fundId}/assignments/auto': () => ({ perBid: 1, plan: [] }),
  'POST /api/funds/{fundId}/assignments/auto/check': () => ({ perBid: 1 }),
  'POST /api/assignments/{assignmentId}/declaration': () => ({ conflict: false }),
  'PUT /api/assignments/{assignmentId}/scores': () => ({ baseVersion: 0, submit: false, scores: [] }),
  'POST /api/assignments/{assignmentId}/reopen': () => ({ reason: 'Asked by the access matrix' }),
  'POST /api/assignments/{assignmentId}/reopen-requests': () => ({ reason: 'Asked by the access matrix' }),
  'POST /api/reopen-requests/{requestId}/answer': () => ({ decision: 'reopen' }),
  'POST /api/bids/{bidId}/moderation-notes': () => ({ note: 'Asked by the access matrix' }),
  'POST /api/bids/{bidId}/decision': () => ({ panelDate: DATE, decision: { outcome: 'defer' } }),
  'POST /api/funds/{fundId}/panel-decisions': (r) => ({
    panelDate: DATE,
    decisions: [{ bidId: r.bids.M, decision: { outcome: 'defer' } }],
  }),
  'POST /api/funds/{fundId}/panel-decisions/check': (r) => ({
    panelDate: DATE,
    decisions: [{ bidId: r.bids.M, decision: { outcome: 'defer' } }],
  }),
  'PUT /api/organisations/{organisationId}/bank-account': () => BANK,
  'POST /api/organisations/{organisationId}/bank-account': () => BANK,
  'POST /api/bank-accounts/{bankAccountId}/check': () => ({
    phoneNumber: '01733 000000',
    numberFromRecords: true,
  }),
  'POST /api/grants/{grantId}/payments': () => ({ amountPence: 100, trigger: 'acceptance' }),
  'POST /api/grants/{grantId}/returns': () => ({
    amountPence: 100,
    receivedOn: DATE,
    reason: 'Asked by the access matrix',
    receiptReference: 'MATRIX-1',
  }),
  'POST /api/grants/{grantId}/end-early': () => ({ reason: 'Asked by the access matrix', owedBackPence: 0 }),
  'POST /api/payments/{paymentId}/reject': () => ({ reason: 'Asked by the access matrix' }),
  'POST /api/payments/{paymentId}/paid': () => ({ paidOn: DATE, paidReference: 'MATRIX-1' }),
  'POST /api/payments/{paymentId}/reverse': () => ({
    reason: 'Asked by the access matrix',
    reversedOn: DATE,
    paidReference: 'MATRIX-1',
  }),
  'POST /api/funds': (r) => fundBody(r, 'MATRIX'),
  'PUT /api/funds/{fundId}': (r) => fundBody(r, 'MATRIX'),
  'PUT /api/grants/{grantId}/offer': () => ({
    version: 1,
    purpose: 'Asked by the access matrix',
    offerDeadline: null,
    instalments: [{ trigger: 'acceptance', amountPence: 100 }],
    conditions: [],
  }),
  'POST /api/grants/{grantId}/accept': () => ({
    fullName: 'Matrix Person',
    role: 'Chair',
    declaration: true,
  }),
  'POST /api/grants/{grantId}/decline': () => ({ reason: 'Asked by the access matrix' }),
  'POST /api/grants/{grantId}/offer/end': () => ({ reason: 'Asked by the access matrix' }),
  'PUT /api/open-data/ward-codes/{wardId}': () => ({ code: 'E05010798' }),
  'PUT /api/admin/retention': () => ({ months: 84 }),
  'POST /api/grants/{grantId}/ratings': () => ({ rating: 'green' }),
  'PUT /api/reports/{reportId}/sections/{section}': () => ({ version: 1, data: {} }),
  'POST /api/reports/{reportId}/return': () => ({ comments: 'Asked by the access matrix' }),
};

const BANK = { accountName: 'MATRIX GROUP', sortCode: '12-34-56', accountNumber: '12345678' };

function organisationBody(r: DemoRecords, name: string) {
  return {
    name,
    type: 'community_group',
    addressLine1: '1 Matrix Street',
    town: 'Peterborough',
    postcode: 'PE1 1AA',
    wardId: r.ward,
    contactName: 'Matrix Person',
    contactEmail: 'matrix.person@example.org',
  };
}

function needBody(r: DemoRecords) {
  return {
    wardId: r.ward,
    title: 'Asked by the access matrix',
    description: 'Asked by the access matrix',
    source: 'other',
    identifiedOn: DATE,
  };
}

function fundBody(r: { priority: string }, code: string) {
  return {
    name: 'Matrix Fund',
    code,
    description: 'Asked by the access matrix',
    potPence: 30_000_000,
    capPence: 2_000_000,
    opensAt: '2026-01-01T00:00:00.000Z',
    closesAt: '2027-01-01T00:00:00.000Z',
    deliveryStartsOn: '2027-02-01',
    deliveryEndsOn: '2028-01-31',
    minAssessors: 3,
    moderationThreshold: 2,
    priorityIds: [r.priority],
    criteria: [
      {
        title: 'Matrix',
        description: 'Asked by the access matrix',
        weight: 100,
        guidance: ['0', '1', '2', '3', '4', '5'],
      },
    ],
  };
}

const STAFF: readonly Caller[] = ['finance', 'officer', 'admin'];

/**
 * Whether the caller can see the record at all, anywhere in the product (its page, a list, a
 * grant's money…). For a caller who cannot, every answer about it must be exactly the answer
 * about an id that does not exist — status and bytes — or the answer tells them it is there.
 */
export function sees(caller: Caller, path: string, target: Target, relation: 'own' | 'other'): boolean {
  const first = /\{(\w+)\}/.exec(path)?.[1];
  const own = relation === 'own';
  switch (first) {
    case 'organisationId':
    case 'grantId':
    case 'reportId':
      return own || STAFF.includes(caller);
    case 'bidId':
      // assessor@ scored V's bid (Basketball for All): it is on their list of assignments.
      return own || STAFF.includes(caller) || (caller === 'assessor' && target.label === 'V');
    case 'paymentId':
      return own || caller === 'officer' || caller === 'finance';
    case 'bankAccountId':
      return own || STAFF.includes(caller);
    case 'fundId':
      return target.label !== 'draft' || caller === 'officer' || caller === 'admin';
    case 'assignmentId':
      // Staff who may read the bid are told 403, not 404, about its assignments: the product counts
      // them as knowing of the bid's work (mayKnowOf in bids/service.ts; reopen-requests.test.ts).
      return own || STAFF.includes(caller);
    case 'userId':
      return caller === 'admin';
    default:
      // Public records (needs, wards), and links and requests that do not exist at all.
      return true;
  }
}

/** The same request about ids that do not exist: every id in the path replaced by one nothing has. */
export function unknownParams(target: Target): Record<string, string> {
  return Object.fromEntries(
    Object.entries(target.params).map(([name, value]) => [
      name,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? UNKNOWN_ID : value,
    ]),
  );
}
