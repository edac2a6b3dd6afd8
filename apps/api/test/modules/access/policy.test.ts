import type { Role } from '@cf/shared';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/lib/errors.js';
import {
  AccessDenied,
  type Actor,
  authorize,
  can,
  type FundRef,
  hasAnyRole,
  hasRole,
  type Permission,
  requireActor,
} from '../../../src/modules/access/policy.js';

const COMMUNITIES = '11111111-1111-4111-8111-111111111111';
const YOUTH = '22222222-2222-4222-8222-222222222222';

let grantCounter = 0;
function actor(...roles: (Role | [Role, string])[]): Actor {
  return {
    id: crypto.randomUUID(),
    email: 'someone@demo.test',
    name: 'Someone',
    organisationIds: [],
    roles: roles.map((r) => {
      const [role, fundId] = Array.isArray(r) ? r : [r, null];
      grantCounter++;
      return { id: crypto.randomUUID(), role, fundId, fundName: fundId ? `Fund ${grantCounter}` : null };
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
  const everyone: [string, Actor | null][] = [
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

describe('authorize', () => {
  it('returns quietly when allowed', () => {
    expect(() => authorize(actor('admin'), { action: 'users.manage' })).not.toThrow();
    expect(() => authorize(null, { action: 'fund.read', fund: published })).not.toThrow();
  });

  it('throws 401 unauthenticated when nobody is signed in', () => {
    const thrown = catchError(() => authorize(null, { action: 'users.manage' }));
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).not.toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
  });

  it('throws a 403 AccessDenied naming the permission when signed in without the role', () => {
    const thrown = catchError(() => authorize(actor('applicant'), { action: 'audit.read' }));
    expect(thrown).toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ statusCode: 403, code: 'forbidden', permission: 'audit.read' });
  });

  it('answers 404 instead of 403 when asked to hide that the thing exists', () => {
    const thrown = catchError(() =>
      authorize(actor('applicant'), { action: 'fund.read', fund: draft }, { hide: true }),
    );
    expect(thrown).toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ statusCode: 404, code: 'not_found', permission: 'fund.read' });
  });

  it('answers 404 to an anonymous caller too when hiding, rather than inviting them to sign in', () => {
    const thrown = catchError(() => authorize(null, { action: 'fund.read', fund: draft }, { hide: true }));
    expect(thrown).toMatchObject({ statusCode: 404, code: 'not_found' });
  });
});

describe('requireActor', () => {
  it('returns the actor, or throws 401', () => {
    const a = actor('applicant');
    expect(requireActor(a)).toBe(a);
    expect(catchError(() => requireActor(null))).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected an error, but none was thrown');
}
