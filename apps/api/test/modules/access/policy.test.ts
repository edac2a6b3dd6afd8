import type { Role } from '@cf/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/lib/errors.js';
import { AccessDenied, type Actor, authorize, requireActor } from '../../../src/modules/access/policy.js';

// Who may do what is decided in packages/shared (its rules are tested in
// packages/shared/test/access.test.ts); these tests cover how the API refuses.

const COMMUNITIES = '11111111-1111-4111-8111-111111111111';
const YOUTH = '22222222-2222-4222-8222-222222222222';

let grantCounter = 0;
function actor(...roles: (Role | [Role, string])[]): Actor {
  return {
    id: crypto.randomUUID(),
    email: 'someone@demo.test',
    name: 'Someone',
    organisationIds: [],
    secondFactor: 'not_needed',
    emailVerified: true,
    roles: roles.map((r) => {
      const [role, fundId] = Array.isArray(r) ? r : [r, null];
      grantCounter++;
      return { id: crypto.randomUUID(), role, fundId, fundName: fundId ? `Fund ${grantCounter}` : null };
    }),
  };
}

const published = { id: COMMUNITIES, published: true };
const draft = { id: YOUTH, published: false };

describe('authorize', () => {
  it('returns quietly when allowed', () => {
    expect(() => authorize(actor('admin'), { action: 'users.manage' })).not.toThrow();
    expect(() => authorize(null, { action: 'fund.read', fund: published })).not.toThrow();
  });

  it('refuses as unauthenticated (401) when nobody is signed in', () => {
    const thrown = catchError(() => authorize(null, { action: 'users.manage' }));
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).not.toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses with AccessDenied, forbidden (403), naming the permission when signed in without the role', () => {
    const thrown = catchError(() => authorize(actor('applicant'), { action: 'audit.read' }));
    expect(thrown).toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ code: 'forbidden', permission: 'audit.read' });
  });

  it('answers not_found (404) instead of forbidden (403) when asked to hide that the thing exists', () => {
    const thrown = catchError(() =>
      authorize(actor('applicant'), { action: 'fund.read', fund: draft }, { hide: true }),
    );
    expect(thrown).toBeInstanceOf(AccessDenied);
    expect(thrown).toMatchObject({ code: 'not_found', permission: 'fund.read' });
  });

  it('answers 404 for anything about a fund being set up to those who cannot see it, as for a fund that does not exist', () => {
    for (const who of [actor('finance'), actor('applicant'), null]) {
      const thrown = catchError(() => authorize(who, { action: 'finance.ledger', fund: draft }));
      expect(thrown).toMatchObject({ code: 'not_found' });
    }
    // A fund everyone may see keeps the plain answers: 403 signed in, 401 signed out.
    expect(
      catchError(() => authorize(actor('applicant'), { action: 'finance.ledger', fund: published })),
    ).toMatchObject({
      code: 'forbidden',
    });
    expect(catchError(() => authorize(null, { action: 'finance.ledger', fund: published }))).toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('answers 404 to an anonymous caller too when hiding, rather than inviting them to sign in', () => {
    const thrown = catchError(() => authorize(null, { action: 'fund.read', fund: draft }, { hide: true }));
    expect(thrown).toMatchObject({ code: 'not_found' });
  });
});

describe('requireActor', () => {
  it('returns the actor, or throws 401', () => {
    const a = actor('applicant');
    expect(requireActor(a)).toBe(a);
    expect(catchError(() => requireActor(null))).toMatchObject({ code: 'unauthenticated' });
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
