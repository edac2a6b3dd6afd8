// Who may use each route: the access matrix's declared answer for every route × caller × record
// (decision 0030). Adding a route to the API means adding its line here, or matrix.test.ts fails.
import { CALLERS, type Caller } from './matrix.records.js';

/**
 * The class of an answer: `ok` is allowed — 2xx, or a refusal about the input or the record's state
 * (400, 409…) — and 401, 403 and 404 are refusals of access (404: the record is hidden).
 */
export type Outcome = 'ok' | 401 | 403 | 404;

/**
 * One caller's answer on a route: the same for every record, or by the caller's relation to the
 * record (`own`: their group's, or theirs; `other`: someone else's), or by the record's label.
 */
export type Cell = Outcome | { own: Outcome; other: Outcome } | { [label: string]: Outcome };

export interface RouteExpectation {
  callers: Record<Caller, Cell>;
  /**
   * For routes about a fund: the answers about a fund being set up (not published), where they
   * differ from a published fund's. Required on every route with a {fundId}.
   */
  draft?: Partial<Record<Caller, Outcome>>;
  /** The request ends the caller's session (signing out): the matrix signs them in again after it. */
  endsSession?: boolean;
}

/** Everyone gets `fallback`, but for the callers named. */
function who(fallback: Cell, overrides: Partial<Record<Caller, Cell>>): Record<Caller, Cell> {
  return Object.fromEntries(CALLERS.map((c) => [c, overrides[c] ?? fallback])) as Record<Caller, Cell>;
}

/** Nobody signed in, and a staff member who has not given their second factor yet. */
const SIGNED_OUT = { anonymous: 401, halfSignedIn: 401 } as const;
/** Members of the record's group (or its own assessor): allowed on theirs, and another's is hidden. */
const OWN = { own: 'ok', other: 404 } as const;
/** A fund being set up is hidden from everyone but the staff who set funds up (officers, admins). */
const HIDDEN = {
  anonymous: 404,
  halfSignedIn: 404,
  assessor: 404,
  youth: 404,
  finance: 404,
  applicant: 404,
  applicant2: 404,
  grantee: 404,
} as const;
/** The answers about a fund being set up are those about a published one. */
const SAME = {} as const;

export function expectedFor(
  declared: RouteExpectation,
  caller: Caller,
  label: string,
  relation: 'own' | 'other',
): Outcome {
  if (label === 'draft') {
    if (!declared.draft) throw new Error('No expectation for a fund being set up (draft)');
    const draft = declared.draft[caller];
    if (draft !== undefined) return draft;
    label = 'main';
  }
  const cell = declared.callers[caller];
  if (typeof cell !== 'object') return cell;
  if ('own' in cell && 'other' in cell) return cell[relation] as Outcome;
  const byLabel = (cell as Record<string, Outcome>)[label];
  if (byLabel === undefined) throw new Error(`No expectation for ${caller} on record ${label}`);
  return byLabel;
}

export const EXPECTATIONS: Record<string, RouteExpectation> = {
  'GET /api/health': { callers: who('ok', {}) },
  'GET /api/about': { callers: who('ok', {}) },
  'GET /api/auth/me': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/admin/users': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'GET /api/admin/users/{userId}': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  // Links by token: nobody holds a real token here, so every caller gets the same 404 as for a wrong link.
  'GET /api/invitations/{token}': { callers: who(404, {}) },
  'GET /api/accounts/password-reset/{token}': { callers: who(404, {}) },
  'GET /api/organisations/{organisationId}': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant: OWN,
      grantee: OWN,
    }),
  },
  'GET /api/group-invitations/{token}': { callers: who(404, {}) },
  'GET /api/bids': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/bids/to-do': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/bids/{bidId}': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant: OWN,
      applicant2: OWN,
    }),
  },
  'GET /api/bids/{bidId}/timeline': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant: OWN,
      applicant2: OWN,
    }),
  },
  'GET /api/bids/{bidId}/attachments/{attachmentId}': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant: OWN,
      applicant2: OWN,
    }),
  },
  'GET /api/bids/{bidId}/screening': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant: OWN,
      applicant2: OWN,
    }),
  },
  'GET /api/needs': { callers: who('ok', {}) },
  // Fund routes: `draft` is a fund being set up (not published). Everyone who cannot see it gets what an
  // unknown fund gets, 404 (HIDDEN; decision 0030's finding); officers and admins answer as for a published one.
  'GET /api/funds/{fundId}/assessment': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/assessors': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: { ...HIDDEN, anonymous: 401, halfSignedIn: 401 },
  },
  'GET /api/assignments/{assignmentId}': { callers: who(404, { ...SIGNED_OUT, assessor: OWN, youth: OWN }) },
  'GET /api/assignments': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/assignments/{assignmentId}/documents/{attachmentId}': {
    callers: who(404, { ...SIGNED_OUT, assessor: OWN, youth: OWN }),
  },
  'GET /api/funds/{fundId}/results': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/exports/{kind}.csv': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  // Bank details and a grant's money hide even from the signed-out (404, not 401): `authorize(…, { hide: true })`.
  'GET /api/organisations/{organisationId}/bank-account': {
    callers: who(404, { finance: 'ok', officer: 'ok', admin: 'ok', applicant: OWN, grantee: OWN }),
  },
  'GET /api/bank-accounts/to-check': { callers: who(403, { ...SIGNED_OUT, finance: 'ok' }) },
  'GET /api/bank-accounts/{bankAccountId}': { callers: who(404, { finance: 'ok' }) },
  'GET /api/grants/{grantId}/money': { callers: who(404, { finance: 'ok', officer: 'ok' }) },
  'GET /api/payments/waiting': { callers: who(403, { ...SIGNED_OUT, finance: 'ok' }) },
  'GET /api/funds/{fundId}/payments': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/grants-money': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/payments.csv': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds': { callers: who('ok', {}) },
  'GET /api/funds/{fundId}': { callers: who('ok', {}), draft: HIDDEN },
  'GET /api/funds/{fundId}/budget': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/months': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/reference': { callers: who('ok', {}) },
  'GET /api/mail': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  'GET /api/admin/audit': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  'GET /api/admin/audit.csv': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'GET /api/audit/verify': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'GET /api/work': { callers: who(403, { ...SIGNED_OUT, officer: 'ok' }) },
  'GET /api/grants': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/grants/{grantId}': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant2: OWN,
      grantee: OWN,
    }),
  },
  'GET /api/funds/{fundId}/360giving.json': { callers: who('ok', {}), draft: HIDDEN },
  'GET /api/funds/{fundId}/360giving.csv': { callers: who('ok', {}), draft: HIDDEN },
  'GET /api/funds/{fundId}/transparency.csv': { callers: who('ok', {}), draft: HIDDEN },
  'GET /api/funds/{fundId}/open-data/quality': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/open-data/ward-codes': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'GET /api/me/data': { callers: who('ok', { ...SIGNED_OUT }) },
  'GET /api/privacy/retention': { callers: who('ok', {}) },
  'GET /api/grants/{grantId}/reports': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 'ok',
      officer: 'ok',
      admin: 'ok',
      applicant2: OWN,
      grantee: OWN,
    }),
  },
  'GET /api/reports/{reportId}': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok', grantee: OWN }),
  },
  'GET /api/reports/{reportId}/evidence/{evidenceId}': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok', grantee: OWN }),
  },
  'GET /api/monitoring/reports': { callers: who(403, { ...SIGNED_OUT, officer: 'ok' }) },
  'GET /api/funds/{fundId}/outcomes': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  'GET /api/funds/{fundId}/outcomes.csv': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok' }),
    draft: HIDDEN,
  },
  // Signing in and the account links are for anyone: an empty or wrong attempt is about the input (400/409),
  // and a link token nobody was sent is 404 for everyone.
  'POST /api/auth/login': { callers: who('ok', {}) },
  'POST /api/auth/second-factor': { callers: who('ok', {}) },
  'POST /api/auth/second-factor/setup': {
    callers: who(403, { ...SIGNED_OUT, finance: 'ok', officer: 'ok', admin: 'ok' }),
  },
  'POST /api/auth/second-factor/setup/confirm': { callers: who('ok', { ...SIGNED_OUT }) },
  'POST /api/auth/logout': { callers: who('ok', {}), endsSession: true },
  'POST /api/admin/users': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/roles': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/disable': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/enable': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/second-factor/reset': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/invitation/resend': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/users/{userId}/invitation/cancel': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/invitations/accept': { callers: who(404, {}) },
  'POST /api/accounts': { callers: who('ok', {}) },
  'POST /api/accounts/email-verification': { callers: who(404, {}) },
  'POST /api/accounts/email-verification/resend': { callers: who('ok', { ...SIGNED_OUT }) },
  'POST /api/accounts/password-reset': { callers: who('ok', {}) },
  'POST /api/accounts/password-reset/complete': { callers: who(404, {}) },
  'POST /api/accounts/email-change': { callers: who(404, {}) },
  'POST /api/account/password': { callers: who('ok', { ...SIGNED_OUT }) },
  'POST /api/account/sign-out-everywhere': { callers: who('ok', { ...SIGNED_OUT }), endsSession: true },
  'POST /api/account/email': { callers: who('ok', { ...SIGNED_OUT }) },
  'POST /api/organisations': { callers: who('ok', { ...SIGNED_OUT }) },
  'PUT /api/organisations/{organisationId}': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: 404,
      grantee: OWN,
    }),
  },
  // Staff may read a group but not act for it: some routes answer them 403, these 404 — neither tells
  // them anything they cannot read.
  'POST /api/organisations/{organisationId}/invitations': {
    callers: who(404, { ...SIGNED_OUT, applicant: OWN, grantee: OWN }),
  },
  'POST /api/group-invitations/accept': { callers: who(404, { ...SIGNED_OUT }) },
  'POST /api/bids': { callers: who(403, { ...SIGNED_OUT, applicant: 'ok' }) },
  'PUT /api/bids/{bidId}/sections/{section}': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: OWN,
      grantee: 404,
    }),
  },
  'POST /api/bids/{bidId}/submit': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: OWN,
      grantee: 404,
    }),
  },
  'POST /api/bids/{bidId}/withdraw': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: OWN,
      grantee: 404,
    }),
  },
  // assessor@ scored V's bid (Basketball for All), so knows it: 403 there, 404 on M's bid they never saw.
  'POST /api/bids/{bidId}/return': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: { M: 404, V: 403 },
      youth: 404,
      officer: 'ok',
      applicant: { own: 403, other: 404 },
      applicant2: { own: 403, other: 404 },
      grantee: 404,
    }),
  },
  'POST /api/bids/{bidId}/attachments': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: OWN,
      grantee: 404,
    }),
  },
  'POST /api/bids/{bidId}/screening': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: { M: 404, V: 403 },
      youth: 404,
      officer: 'ok',
      applicant: { own: 403, other: 404 },
      applicant2: { own: 403, other: 404 },
      grantee: 404,
    }),
  },
  'POST /api/needs': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  'PUT /api/needs/{needId}': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  'POST /api/bids/{bidId}/assignments': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: { M: 404, V: 403 },
      youth: 404,
      officer: 'ok',
      applicant: { own: 403, other: 404 },
      applicant2: { own: 403, other: 404 },
      grantee: 404,
    }),
  },
  // These ask for a signed-in person before looking the fund up, so an unknown fund is 401 too.
  'POST /api/funds/{fundId}/assignments/auto': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: { ...HIDDEN, anonymous: 401, halfSignedIn: 401 },
  },
  'POST /api/funds/{fundId}/assignments/auto/check': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: { ...HIDDEN, anonymous: 401, halfSignedIn: 401 },
  },
  'POST /api/assignments/{assignmentId}/declaration': {
    callers: who(404, { ...SIGNED_OUT, assessor: OWN, youth: OWN }),
  },
  'PUT /api/assignments/{assignmentId}/scores': {
    callers: who(404, { ...SIGNED_OUT, assessor: OWN, youth: OWN }),
  },
  'POST /api/assignments/{assignmentId}/reopen': {
    callers: who(404, {
      ...SIGNED_OUT,
      assessor: { own: 403, other: 404 },
      youth: { own: 403, other: 404 },
      finance: 403,
      officer: 'ok',
      admin: 403,
    }),
  },
  'POST /api/assignments/{assignmentId}/reopen-requests': {
    callers: who(404, { ...SIGNED_OUT, assessor: OWN, youth: OWN }),
  },
  // The demo has no reopen request: every caller gets the answer for an unknown one.
  'POST /api/reopen-requests/{requestId}/answer': { callers: who(404, { ...SIGNED_OUT }) },
  'POST /api/bids/{bidId}/moderation-notes': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: { M: 404, V: 403 },
      youth: 404,
      officer: 'ok',
      applicant: { own: 403, other: 404 },
      applicant2: { own: 403, other: 404 },
      grantee: 404,
    }),
  },
  'POST /api/bids/{bidId}/decision': { callers: who(403, { ...SIGNED_OUT, officer: 'ok' }) },
  'POST /api/funds/{fundId}/panel-decisions': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: { ...HIDDEN, anonymous: 401, halfSignedIn: 401 },
  },
  'POST /api/funds/{fundId}/panel-decisions/check': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok' }),
    draft: { ...HIDDEN, anonymous: 401, halfSignedIn: 401 },
  },
  'POST /api/organisations/{organisationId}/bank-account': {
    callers: who(404, { ...SIGNED_OUT, applicant: OWN, grantee: OWN }),
  },
  'PUT /api/organisations/{organisationId}/bank-account': {
    callers: who(404, { ...SIGNED_OUT, applicant: OWN, grantee: OWN }),
  },
  'POST /api/bank-accounts/{bankAccountId}/full': { callers: who(404, { ...SIGNED_OUT, finance: 'ok' }) },
  'POST /api/bank-accounts/{bankAccountId}/check': { callers: who(404, { ...SIGNED_OUT, finance: 'ok' }) },
  'POST /api/grants/{grantId}/payments': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 'ok' }),
  },
  'POST /api/grants/{grantId}/returns': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 'ok' }),
  },
  'POST /api/grants/{grantId}/end-early': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 'ok' }),
  },
  // Officers see a grant's money, so are told 403; admins do not (finance.ledger), so 404.
  'POST /api/payments/{paymentId}/approve': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 403 }),
  },
  'POST /api/payments/{paymentId}/reject': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 403 }),
  },
  'POST /api/payments/{paymentId}/paid': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 403 }),
  },
  'POST /api/payments/{paymentId}/reverse': {
    callers: who(404, { ...SIGNED_OUT, finance: 'ok', officer: 403 }),
  },
  'POST /api/funds': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  // fund.manage is decided by role before the fund is looked up: an unknown fund is 403 too, so no leak.
  'PUT /api/funds/{fundId}': {
    callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }),
    draft: SAME,
  },
  'PUT /api/grants/{grantId}/offer': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      applicant2: { own: 403, other: 404 },
      grantee: { own: 403, other: 404 },
    }),
  },
  'POST /api/grants/{grantId}/offer/issue': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      applicant2: { own: 403, other: 404 },
      grantee: { own: 403, other: 404 },
    }),
  },
  'POST /api/grants/{grantId}/accept': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: 404,
      applicant2: OWN,
      grantee: OWN,
    }),
  },
  'POST /api/grants/{grantId}/decline': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: 404,
      applicant2: OWN,
      grantee: OWN,
    }),
  },
  'POST /api/grants/{grantId}/conditions/{conditionId}/met': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      applicant2: { own: 403, other: 404 },
      grantee: { own: 403, other: 404 },
    }),
  },
  'POST /api/grants/{grantId}/offer/end': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      applicant2: { own: 403, other: 404 },
      grantee: { own: 403, other: 404 },
    }),
  },
  'PUT /api/open-data/ward-codes/{wardId}': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'PUT /api/admin/retention': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/admin/retention/run': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'POST /api/grants/{grantId}/ratings': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      applicant2: { own: 403, other: 404 },
      grantee: { own: 403, other: 404 },
    }),
  },
  'PUT /api/reports/{reportId}/sections/{section}': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 403, admin: 403, grantee: OWN }),
  },
  'POST /api/reports/{reportId}/evidence': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 403, admin: 403, grantee: OWN }),
  },
  'POST /api/reports/{reportId}/send': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 403, admin: 403, grantee: OWN }),
  },
  'POST /api/reports/{reportId}/approve': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      grantee: { own: 403, other: 404 },
    }),
  },
  'POST /api/reports/{reportId}/return': {
    callers: who(404, {
      ...SIGNED_OUT,
      finance: 403,
      officer: 'ok',
      admin: 403,
      grantee: { own: 403, other: 404 },
    }),
  },
  'POST /api/monitoring/reminders': { callers: who(403, { ...SIGNED_OUT, officer: 'ok', admin: 'ok' }) },
  // Deletions run last (the matrix orders reads, writes, then deletions).
  'DELETE /api/admin/users/{userId}/roles/{grantId}': { callers: who(403, { ...SIGNED_OUT, admin: 'ok' }) },
  'DELETE /api/organisations/{organisationId}/members/{userId}': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: 404,
      grantee: OWN,
    }),
  },
  'DELETE /api/bids/{bidId}/attachments/{attachmentId}': {
    callers: who(403, {
      ...SIGNED_OUT,
      assessor: 404,
      youth: 404,
      applicant: OWN,
      applicant2: OWN,
      grantee: 404,
    }),
  },
  'DELETE /api/assignments/{assignmentId}': {
    callers: who(404, {
      ...SIGNED_OUT,
      assessor: { own: 403, other: 404 },
      youth: { own: 403, other: 404 },
      finance: 403,
      officer: 'ok',
      admin: 403,
    }),
  },
  'DELETE /api/reports/{reportId}/evidence/{evidenceId}': {
    callers: who(404, { ...SIGNED_OUT, finance: 403, officer: 403, admin: 403, grantee: OWN }),
  },
};
