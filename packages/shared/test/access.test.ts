import { describe, expect, it } from 'vitest';
import {
  type CaseRef,
  can,
  caseRefOf,
  type FundRef,
  fundsLimitedTo,
  hasAnyRole,
  hasRole,
  mayBeLimitedToFund,
  type Permission,
  type Role,
  type SecretLink,
  type Subject,
  subjectOf,
} from '../src/index.js';

const COMMUNITIES = '11111111-1111-4111-8111-111111111111';
const YOUTH = '22222222-2222-4222-8222-222222222222';

function actor(...roles: (Role | [Role, string])[]): Subject {
  return {
    id: crypto.randomUUID(),
    organisationIds: [],
    roles: roles.map((r) => {
      const [role, fundId] = Array.isArray(r) ? r : [r, null];
      return { role, fundId };
    }),
  };
}

const published: FundRef = { id: COMMUNITIES, published: true };
const draft: FundRef = { id: YOUTH, published: false };

describe('hasRole', () => {
  it('is true for a role held for every fund, whichever fund is asked about', () => {
    const a = actor('assessor');
    expect(hasRole(a, 'assessor')).toBe(true);
    expect(hasRole(a, 'assessor', COMMUNITIES)).toBe(true);
    expect(hasRole(a, 'assessor', YOUTH)).toBe(true);
  });

  it('counts a fund-limited assessor role only for that fund', () => {
    const youthCommissioner = actor(['assessor', YOUTH]);
    expect(hasRole(youthCommissioner, 'assessor', YOUTH)).toBe(true);
    expect(hasRole(youthCommissioner, 'assessor', COMMUNITIES)).toBe(false);
  });

  it('counts a fund-limited role when no fund is asked about (they are an assessor somewhere)', () => {
    expect(hasRole(actor(['assessor', YOUTH]), 'assessor')).toBe(true);
  });

  it('is false for a role not held', () => {
    const a = actor('applicant');
    expect(hasRole(a, 'assessor')).toBe(false);
    expect(hasRole(a, 'admin')).toBe(false);
    expect(hasRole(actor(), 'applicant')).toBe(false);
  });

  it('looks at every grant of someone with several roles', () => {
    const a = actor('officer', ['assessor', COMMUNITIES]);
    expect(hasRole(a, 'officer')).toBe(true);
    expect(hasRole(a, 'assessor', COMMUNITIES)).toBe(true);
    expect(hasRole(a, 'assessor', YOUTH)).toBe(false);
    expect(hasRole(a, 'finance')).toBe(false);
  });

  it('does not let a fund limit on one role leak onto another', () => {
    const a = actor(['assessor', YOUTH], 'applicant');
    expect(hasRole(a, 'applicant', COMMUNITIES)).toBe(true);
    expect(hasRole(a, 'assessor', COMMUNITIES)).toBe(false);
  });
});

describe('hasAnyRole', () => {
  it('is true when any one of the roles is held', () => {
    expect(hasAnyRole(actor('finance'), ['officer', 'finance'])).toBe(true);
    expect(hasAnyRole(actor('applicant'), ['officer', 'finance'])).toBe(false);
    expect(hasAnyRole(actor('officer'), [])).toBe(false);
  });

  it('respects fund limits', () => {
    expect(hasAnyRole(actor(['assessor', YOUTH]), ['assessor', 'officer'], COMMUNITIES)).toBe(false);
    expect(hasAnyRole(actor(['assessor', YOUTH]), ['assessor', 'officer'], YOUTH)).toBe(true);
  });
});

describe('can', () => {
  const everyone: [string, Subject | null][] = [
    ['anonymous', null],
    ['applicant', actor('applicant')],
    ['assessor', actor('assessor')],
    ['youth-limited assessor', actor(['assessor', YOUTH])],
    ['officer', actor('officer')],
    ['finance', actor('finance')],
    ['admin', actor('admin')],
  ];

  it('lets anyone, signed in or not, read a published fund', () => {
    for (const [who, a] of everyone) expect(can(a, { action: 'fund.read', fund: published }), who).toBe(true);
  });

  it('shows an unpublished fund only to officers and admins', () => {
    const allowed = everyone.filter(([who]) => ['officer', 'admin'].includes(who)).map(([who]) => who);
    for (const [who, a] of everyone) {
      expect(can(a, { action: 'fund.read', fund: draft }), who).toBe(allowed.includes(who));
    }
  });

  it('shows the budget of a published fund to officer, finance and admin only', () => {
    for (const [who, a] of everyone) {
      expect(can(a, { action: 'fund.budget', fund: published }), who).toBe(
        ['officer', 'finance', 'admin'].includes(who),
      );
    }
  });

  it('hides the budget of an unpublished fund from finance, who cannot see the fund', () => {
    expect(can(actor('finance'), { action: 'fund.budget', fund: draft })).toBe(false);
    expect(can(actor('officer'), { action: 'fund.budget', fund: draft })).toBe(true);
    expect(can(actor('admin'), { action: 'fund.budget', fund: draft })).toBe(true);
  });

  it('refuses anything about a fund being set up to those who cannot see the fund (the access matrix, decision 0030)', () => {
    for (const permission of [
      { action: 'finance.ledger', fund: draft },
      { action: 'results.read', fund: draft },
      { action: 'opendata.check', fund: draft },
      { action: 'fund.budget', fund: draft },
    ] as Permission[]) {
      expect(can(actor('finance'), permission), permission.action).toBe(false);
      expect(can(actor('applicant'), permission), permission.action).toBe(false);
    }
    expect(can(actor('finance'), { action: 'finance.ledger', fund: published })).toBe(true);
    expect(can(actor('officer'), { action: 'finance.ledger', fund: draft })).toBe(true);
  });

  it('leaves user management and the audit trail to admins', () => {
    for (const action of ['users.manage', 'audit.read'] as const) {
      for (const [who, a] of everyone) expect(can(a, { action }), `${who} ${action}`).toBe(who === 'admin');
    }
  });

  it('lets officers and admins browse the audit trail, and only admins manage retention', () => {
    for (const [who, a] of everyone) {
      expect(can(a, { action: 'audit.browse' }), who).toBe(['officer', 'admin'].includes(who));
      expect(can(a, { action: 'retention.manage' }), who).toBe(who === 'admin');
    }
  });

  it('lets officers and admins read the mail outbox', () => {
    for (const [who, a] of everyone) {
      expect(can(a, { action: 'mail.read' }), who).toBe(['officer', 'admin'].includes(who));
    }
  });

  it('gives a fund-limited assessor no staff powers beyond assessing', () => {
    const youthCommissioner = actor(['assessor', YOUTH]);
    for (const permission of [
      { action: 'users.manage' },
      { action: 'audit.read' },
      { action: 'mail.read' },
      { action: 'fund.budget', fund: { id: YOUTH, published: true } },
      { action: 'fund.read', fund: { id: YOUTH, published: false } },
    ] as Permission[]) {
      expect(can(youthCommissioner, permission), permission.action).toBe(false);
    }
  });

  it('adds up several roles', () => {
    const officerAndAssessor = actor('officer', ['assessor', COMMUNITIES]);
    expect(can(officerAndAssessor, { action: 'fund.budget', fund: published })).toBe(true);
    expect(can(officerAndAssessor, { action: 'users.manage' })).toBe(false);
  });
});

describe('fund-limited roles', () => {
  it('count for their own fund wherever a permission names a fund, and not for another', () => {
    const youthOfficer = actor(['officer', YOUTH]);
    const youthBid = { organisationId: crypto.randomUUID(), fundId: YOUTH, conflictedUserIds: [] };
    const communitiesBid = {
      organisationId: crypto.randomUUID(),
      fundId: COMMUNITIES,
      conflictedUserIds: [],
    };
    expect(can(youthOfficer, { action: 'bid.screen', bid: youthBid })).toBe(true);
    expect(can(youthOfficer, { action: 'bid.screen', bid: communitiesBid })).toBe(false);
    expect(can(youthOfficer, { action: 'bid.read', bid: communitiesBid })).toBe(false);
    expect(can(youthOfficer, { action: 'panel.decide', fund: { id: COMMUNITIES, published: true } })).toBe(
      false,
    );
    expect(can(youthOfficer, { action: 'results.read', fund: { id: YOUTH, published: true } })).toBe(true);
    expect(can(youthOfficer, { action: 'fund.budget', fund: published })).toBe(false);
  });

  it('count when a page asks "anywhere?" before it has a fund', () => {
    expect(can(actor(['assessor', YOUTH]), { action: 'assessment.score' })).toBe(true);
    expect(can(actor(['assessor', YOUTH]), { action: 'assessment.score', fund: published })).toBe(false);
    expect(can(actor(['officer', YOUTH]), { action: 'panel.decide' })).toBe(true);
  });

  it('are offered by admins for assessors only, and listed by fund', () => {
    expect(mayBeLimitedToFund('assessor')).toBe(true);
    expect(mayBeLimitedToFund('officer')).toBe(false);
    expect(fundsLimitedTo(actor(['assessor', YOUTH]), 'assessor')).toEqual([YOUTH]);
    expect(fundsLimitedTo(actor('assessor', ['assessor', YOUTH]), 'assessor')).toBeNull();
    expect(fundsLimitedTo(actor('officer'), 'assessor')).toBeNull();
  });
});

describe('staff work on one bid', () => {
  const GROUP = '33333333-3333-4333-8333-333333333333';
  /** Every officer action on a bid, each asked about this bid. */
  const workOn = (bid: CaseRef): Permission[] => [
    { action: 'bid.screen', bid },
    { action: 'bid.return', bid },
    { action: 'assessment.manage', bid },
    { action: 'results.read', bid },
    { action: 'panel.decide', bid },
  ];
  const bidOf = (conflictedUserIds: string[] = []): CaseRef => ({
    organisationId: GROUP,
    fundId: COMMUNITIES,
    conflictedUserIds,
  });

  it('is allowed to an officer who is neither in the group nor conflicted with it', () => {
    const officer = actor('officer');
    for (const permission of workOn(bidOf())) expect(can(officer, permission), permission.action).toBe(true);
  });

  it('is refused to an officer who is a member of the group that made the bid, whatever the action', () => {
    const member = { ...actor('officer'), organisationIds: [GROUP] };
    for (const permission of workOn(bidOf())) expect(can(member, permission), permission.action).toBe(false);
  });

  it('is refused, whatever the action, to an officer who declared a conflict with the group as an assessor', () => {
    const officerWhoAssesses = actor('officer', ['assessor', COMMUNITIES]);
    for (const permission of workOn(bidOf([officerWhoAssesses.id]))) {
      expect(can(officerWhoAssesses, permission), permission.action).toBe(false);
    }
    // Someone else's conflict does not bind them.
    for (const permission of workOn(bidOf([crypto.randomUUID()]))) {
      expect(can(officerWhoAssesses, permission), permission.action).toBe(true);
    }
  });

  it('keeps an admin who declared a conflict from reading that group’s scores', () => {
    const admin = actor('admin');
    expect(can(admin, { action: 'results.read', bid: bidOf() })).toBe(true);
    expect(can(admin, { action: 'results.read', bid: bidOf([admin.id]) })).toBe(false);
  });

  it('still answers "anywhere?" for a page asked before it has a bid', () => {
    const officer = actor('officer');
    for (const action of ['bid.screen', 'bid.return', 'assessment.manage', 'panel.decide'] as const) {
      expect(can(officer, { action }), action).toBe(true);
    }
  });

  it('reads the conflicts of a bid as the results and assessment pages carry them', () => {
    const officer = actor('officer');
    const onPage = { organisationId: GROUP, conflicts: [{ userId: officer.id, name: 'Someone' }] };
    expect(caseRefOf(COMMUNITIES, onPage)).toEqual(bidOf([officer.id]));
    expect(can(officer, { action: 'panel.decide', bid: caseRefOf(COMMUNITIES, onPage) })).toBe(false);
  });
});

describe('subjectOf', () => {
  it('reads the groups of the signed-in user the web app holds', () => {
    const subject = subjectOf({
      id: COMMUNITIES,
      email: 'a@demo.test',
      name: 'A',
      roles: [{ id: YOUTH, role: 'applicant', fundId: null, fundName: null }],
      organisations: [{ id: YOUTH, name: 'Group' }],
      secondFactor: 'not_needed',
      emailVerified: true,
    });
    expect(subject.organisationIds).toEqual([YOUTH]);
    expect(can(subject, { action: 'bid.edit', bid: { organisationId: YOUTH, fundId: COMMUNITIES } })).toBe(
      true,
    );
    expect(can(subject, { action: 'bid.apply' })).toBe(true);
  });
});

describe('reading a secret link on the Sent mail page (mail.read_link)', () => {
  const GROUP = '33333333-3333-4333-8333-333333333333';
  const offline = (link: SecretLink): Permission => ({
    action: 'mail.read_link',
    link,
    deliveryEnabled: false,
  });
  const invitation = (...roles: { role: Role; fundId: string | null }[]): SecretLink => ({
    kind: 'staff_invitation',
    roles,
    organisationId: null,
    userId: null,
  });

  it('gives a staff invitation only to someone who holds every role it gives, for the same funds', () => {
    expect(can(actor('officer'), offline(invitation({ role: 'officer', fundId: null })))).toBe(true);
    expect(can(actor('officer'), offline(invitation({ role: 'admin', fundId: null })))).toBe(false);
    expect(can(actor('officer'), offline(invitation({ role: 'finance', fundId: null })))).toBe(false);
    // An assessor for one fund gains a role by an invitation to assess every fund, or another fund.
    const communitiesOfficer = actor('officer', ['assessor', COMMUNITIES]);
    expect(can(communitiesOfficer, offline(invitation({ role: 'assessor', fundId: null })))).toBe(false);
    expect(can(communitiesOfficer, offline(invitation({ role: 'assessor', fundId: YOUTH })))).toBe(false);
    expect(can(communitiesOfficer, offline(invitation({ role: 'assessor', fundId: COMMUNITIES })))).toBe(
      true,
    );
    expect(can(actor('officer', 'assessor'), offline(invitation({ role: 'assessor', fundId: YOUTH })))).toBe(
      true,
    );
  });

  it('gives a group invitation only to a member of that group who is an applicant already', () => {
    const link: SecretLink = {
      kind: 'group_invitation',
      roles: [{ role: 'applicant', fundId: null }],
      organisationId: GROUP,
      userId: null,
    };
    const officerApplicant = actor('officer', 'applicant');
    expect(can(officerApplicant, offline(link))).toBe(false);
    expect(can({ ...officerApplicant, organisationIds: [GROUP] }, offline(link))).toBe(true);
  });

  it('gives any invitation to those who may manage users, who could grant any role anyway', () => {
    expect(can(actor('admin'), offline(invitation({ role: 'admin', fundId: null })))).toBe(true);
    expect(
      can(
        actor('admin'),
        offline({
          kind: 'group_invitation',
          roles: [{ role: 'applicant', fundId: null }],
          organisationId: GROUP,
          userId: null,
        }),
      ),
    ).toBe(true);
  });

  it('gives a password-reset link to its recipient only, never to an admin', () => {
    const officer = actor('officer');
    const reset = (userId: string): SecretLink => ({
      kind: 'password_reset',
      roles: [],
      organisationId: null,
      userId,
    });
    expect(can(officer, offline(reset(officer.id)))).toBe(true);
    expect(can(actor('officer'), offline(reset(officer.id)))).toBe(false);
    expect(can(actor('admin'), offline(reset(officer.id)))).toBe(false);
  });

  it('gives an email-confirmation link to its recipient, and to admins only while mail is not delivered', () => {
    const someone = crypto.randomUUID();
    const confirm: SecretLink = {
      kind: 'email_verification',
      roles: [],
      organisationId: null,
      userId: someone,
    };
    expect(can(actor('admin'), offline(confirm))).toBe(true);
    expect(can(actor('officer'), offline(confirm))).toBe(false);
    expect(can(actor('admin'), { action: 'mail.read_link', link: confirm, deliveryEnabled: true })).toBe(
      false,
    );
  });

  it('gives no secret link to anyone, admins and recipients included, once mail is delivered', () => {
    const admin = actor('admin');
    for (const link of [
      invitation({ role: 'officer', fundId: null }),
      { kind: 'password_reset', roles: [], organisationId: null, userId: admin.id } satisfies SecretLink,
      { kind: 'email_verification', roles: [], organisationId: null, userId: admin.id } satisfies SecretLink,
    ]) {
      expect(can(admin, { action: 'mail.read_link', link, deliveryEnabled: true }), link.kind).toBe(false);
    }
  });

  it('gives nothing to someone who may not read the Sent mail page at all', () => {
    const applicant = actor('applicant');
    expect(
      can(
        applicant,
        offline({ kind: 'password_reset', roles: [], organisationId: null, userId: applicant.id }),
      ),
    ).toBe(false);
    expect(can(null, offline(invitation({ role: 'officer', fundId: null })))).toBe(false);
  });
});

describe('an account that holds nothing (its email address not yet confirmed)', () => {
  it('may not register a group or join one, which anyone holding a role or a group may', () => {
    for (const action of ['organisation.register', 'organisation.join'] as const) {
      expect(can(actor(), { action }), action).toBe(false);
      expect(can(actor('applicant'), { action }), action).toBe(true);
      expect(can(actor('officer'), { action }), action).toBe(true);
      expect(can({ ...actor(), organisationIds: [COMMUNITIES] }, { action }), action).toBe(true);
    }
  });

  it('may do nothing at all that the policy decides', () => {
    const nothing = actor();
    const bid = { organisationId: COMMUNITIES, fundId: YOUTH };
    const permissions: Permission[] = [
      { action: 'users.manage' },
      { action: 'audit.read' },
      { action: 'mail.read' },
      { action: 'need.manage' },
      { action: 'fund.manage' },
      { action: 'fund.read', fund: draft },
      { action: 'fund.budget' },
      { action: 'organisation.register' },
      { action: 'organisation.join' },
      { action: 'organisation.read', organisation: { id: COMMUNITIES } },
      { action: 'organisation.manage', organisation: { id: COMMUNITIES } },
      { action: 'bid.apply' },
      { action: 'bid.create', organisation: { id: COMMUNITIES } },
      { action: 'bid.read', bid },
      { action: 'bid.edit', bid },
      { action: 'bid.return' },
      { action: 'bid.list_all' },
      { action: 'bid.screen' },
      { action: 'assessment.manage' },
      { action: 'assessment.score' },
      { action: 'results.read' },
      { action: 'panel.decide' },
    ];
    for (const permission of permissions) expect(can(nothing, permission), permission.action).toBe(false);
  });
});

describe('grants and their offers', () => {
  const FUND = crypto.randomUUID();
  const GROUP = crypto.randomUUID();
  const subject = (
    roles: Subject['roles'],
    organisationIds: string[] = [],
    id = crypto.randomUUID(),
  ): Subject => ({
    id,
    roles,
    organisationIds,
  });
  const grant = (conflictedUserIds: string[] = []): CaseRef => ({
    organisationId: GROUP,
    fundId: FUND,
    conflictedUserIds,
  });

  it('lets an officer standing apart from the group work on the offer, not one in it or conflicted with it', () => {
    const officer = subject([{ role: 'officer', fundId: null }]);
    expect(can(officer, { action: 'grant.offer', grant: grant() })).toBe(true);
    expect(
      can(subject([{ role: 'officer', fundId: null }], [GROUP]), { action: 'grant.offer', grant: grant() }),
    ).toBe(false);
    expect(can(officer, { action: 'grant.offer', grant: grant([officer.id]) })).toBe(false);
    expect(can(subject([{ role: 'finance', fundId: null }]), { action: 'grant.offer', grant: grant() })).toBe(
      false,
    );
  });

  it('lets only members of the group accept; staff read every grant, members their own', () => {
    const member = subject([{ role: 'applicant', fundId: null }], [GROUP]);
    const officer = subject([{ role: 'officer', fundId: null }]);
    const other = subject([{ role: 'applicant', fundId: null }], [crypto.randomUUID()]);
    expect(can(member, { action: 'grant.accept', grant: { organisationId: GROUP } })).toBe(true);
    expect(can(officer, { action: 'grant.accept', grant: { organisationId: GROUP } })).toBe(false);
    const ref = { organisationId: GROUP, fundId: FUND };
    expect(can(member, { action: 'grant.read', grant: ref })).toBe(true);
    expect(can(officer, { action: 'grant.read', grant: ref })).toBe(true);
    expect(can(subject([{ role: 'finance', fundId: null }]), { action: 'grant.read', grant: ref })).toBe(
      true,
    );
    expect(can(other, { action: 'grant.read', grant: ref })).toBe(false);
    expect(can(other, { action: 'grant.list_all' })).toBe(false);
  });

  it('lets members write their group’s reports, and officers standing apart review them (decision 0024)', () => {
    const member = subject([{ role: 'applicant', fundId: null }], [GROUP]);
    const officer = subject([{ role: 'officer', fundId: FUND }]);
    const otherFund = subject([{ role: 'officer', fundId: crypto.randomUUID() }]);
    expect(can(member, { action: 'report.write', grant: { organisationId: GROUP } })).toBe(true);
    expect(can(officer, { action: 'report.write', grant: { organisationId: GROUP } })).toBe(false);
    expect(can(officer, { action: 'report.review', grant: grant() })).toBe(true);
    expect(can(otherFund, { action: 'report.review', grant: grant() })).toBe(false);
    // Never their own group's report, never a group they declared a conflict with; never finance.
    expect(can(member, { action: 'report.review', grant: grant() })).toBe(false);
    const officerInGroup = subject([{ role: 'officer', fundId: null }], [GROUP]);
    expect(can(officerInGroup, { action: 'report.review', grant: grant() })).toBe(false);
    expect(can(officer, { action: 'report.review', grant: grant([officer.id]) })).toBe(false);
    expect(
      can(subject([{ role: 'finance', fundId: null }]), { action: 'report.review', grant: grant() }),
    ).toBe(false);
  });
});

describe('paying grants (decision 0023): two people, always', () => {
  const group = '33333333-3333-4333-8333-333333333333';
  const bid: CaseRef = { organisationId: group, fundId: COMMUNITIES, conflictedUserIds: [] };
  const officer = actor('officer');
  const finance = actor('finance');
  const member: Subject = { ...actor('applicant'), organisationIds: [group] };

  it('lets members give bank details, staff see them masked, and finance alone see them in full', () => {
    expect(can(member, { action: 'bank.manage', organisation: { id: group } })).toBe(true);
    expect(can(officer, { action: 'bank.manage', organisation: { id: group } })).toBe(false);
    expect(can(actor('applicant'), { action: 'bank.read', organisation: { id: group } })).toBe(false);
    expect(can(officer, { action: 'bank.read', organisation: { id: group } })).toBe(true);
    expect(can(finance, { action: 'bank.read_full' })).toBe(true);
    for (const who of [officer, member, actor('admin')])
      expect(can(who, { action: 'bank.read_full' })).toBe(false);
  });

  it('never lets the person who recorded bank details check them', () => {
    expect(can(finance, { action: 'bank.verify', account: { recordedById: 'someone-else' } })).toBe(true);
    expect(can(finance, { action: 'bank.verify', account: { recordedById: finance.id } })).toBe(false);
    expect(can(officer, { action: 'bank.verify', account: { recordedById: 'someone-else' } })).toBe(false);
  });

  it('lets officers ask for payments and finance approve them, never the requester nor the account’s recorder or checker', () => {
    expect(can(officer, { action: 'payment.request', bid })).toBe(true);
    expect(can(finance, { action: 'payment.request', bid })).toBe(false);
    const payment = { requestedById: officer.id, bankRecordedById: member.id, bankCheckedById: 'checker' };
    expect(can(finance, { action: 'payment.approve', bid, payment })).toBe(true);
    expect(can(officer, { action: 'payment.approve', bid, payment })).toBe(false);
    expect(
      can(finance, { action: 'payment.approve', bid, payment: { ...payment, requestedById: finance.id } }),
    ).toBe(false);
    expect(
      can(finance, { action: 'payment.approve', bid, payment: { ...payment, bankRecordedById: finance.id } }),
    ).toBe(false);
    expect(
      can(finance, { action: 'payment.approve', bid, payment: { ...payment, bankCheckedById: finance.id } }),
    ).toBe(false);
  });

  it('keeps anyone who declared a conflict with the group, or belongs to it, away from its grant’s money', () => {
    const conflicted: CaseRef = { ...bid, conflictedUserIds: [finance.id, officer.id] };
    expect(can(finance, { action: 'payment.approve', bid: conflicted })).toBe(false);
    expect(can(officer, { action: 'payment.request', bid: conflicted })).toBe(false);
    const financeMember: Subject = { ...finance, organisationIds: [group] };
    expect(can(financeMember, { action: 'payment.record', bid })).toBe(false);
    expect(can(member, { action: 'finance.ledger', bid })).toBe(false);
  });

  it('shows the ledger to finance and officers, and assessors’ comments never to finance', () => {
    expect(can(finance, { action: 'finance.ledger', fund: published })).toBe(true);
    expect(can(officer, { action: 'finance.ledger', fund: published })).toBe(true);
    expect(can(actor('admin'), { action: 'finance.ledger', fund: published })).toBe(false);
    expect(can(actor('assessor'), { action: 'finance.ledger', fund: published })).toBe(false);
    expect(can(finance, { action: 'results.read', fund: published })).toBe(false);
  });
});

describe('open data (decision 0025)', () => {
  it('lets officers and admins run the quality check, not finance, assessors, groups or anonymous callers', () => {
    expect(can(actor('officer'), { action: 'opendata.check', fund: published })).toBe(true);
    expect(can(actor('admin'), { action: 'opendata.check', fund: published })).toBe(true);
    expect(can(actor(['officer', YOUTH]), { action: 'opendata.check', fund: published })).toBe(false);
    expect(can(actor('finance'), { action: 'opendata.check', fund: published })).toBe(false);
    expect(can(actor('assessor'), { action: 'opendata.check', fund: published })).toBe(false);
    expect(can(actor('applicant'), { action: 'opendata.check', fund: published })).toBe(false);
    expect(can(null, { action: 'opendata.check', fund: published })).toBe(false);
  });

  it('lets admins alone change the ward codes open data publishes', () => {
    expect(can(actor('admin'), { action: 'opendata.ward_codes' })).toBe(true);
    expect(can(actor('officer'), { action: 'opendata.ward_codes' })).toBe(false);
    expect(can(null, { action: 'opendata.ward_codes' })).toBe(false);
  });
});
