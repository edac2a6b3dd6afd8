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

  it('leaves user management and the audit trail to admins', () => {
    for (const action of ['users.manage', 'audit.read'] as const) {
      for (const [who, a] of everyone) expect(can(a, { action }), `${who} ${action}`).toBe(who === 'admin');
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
    });
    expect(subject.organisationIds).toEqual([YOUTH]);
    expect(can(subject, { action: 'bid.edit', bid: { organisationId: YOUTH, fundId: COMMUNITIES } })).toBe(
      true,
    );
    expect(can(subject, { action: 'bid.apply' })).toBe(true);
  });
});
