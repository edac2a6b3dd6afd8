import { describe, expect, it } from 'vitest';
import {
  AUDIT_KINDS,
  AUDIT_WORDS,
  AuditAction,
  auditActorLabel,
  auditKindOf,
  auditPhrase,
  auditSentence,
} from '../src/index.js';

const names = new Map([
  ['u-farah', 'Farah Begum'],
  ['u-daniel', 'Daniel Okafor'],
  ['f-youth', 'Youth Fund'],
]);
const nameOf = (id: string) => names.get(id);

describe('the audit trail in words', () => {
  it('has words for every action the trail records: a new action without words fails here', () => {
    for (const action of AuditAction.options) {
      expect(AUDIT_WORDS[action], action).toEqual(expect.any(String));
      expect(AUDIT_WORDS[action].trim().length, action).toBeGreaterThan(3);
    }
    expect(Object.keys(AUDIT_WORDS).sort()).toEqual([...AuditAction.options].sort());
  });

  it('puts every action in a kind admins can filter by', () => {
    for (const action of AuditAction.options) expect(AUDIT_KINDS[auditKindOf(action)], action).toBeTruthy();
  });

  it('fills in every detail, with plain fallbacks when the record holds none: no placeholder is left but the record', () => {
    for (const action of AuditAction.options) {
      for (const [before, after] of [
        [null, null],
        [{}, {}],
        [
          {
            role: 'officer',
            fundId: null,
            potPence: 100,
            assessorId: 'u-daniel',
            filename: 'a.pdf',
            email: 'a@b',
          },
          {
            role: 'assessor',
            fundId: 'f-youth',
            potPence: 200,
            amountPence: 150_000,
            assessorId: 'u-daniel',
            section: 'budget',
            filename: 'accounts.pdf',
            email: 'new@example.org',
            method: 'GET',
            url: '/api/admin/users',
            decisions: 3,
          },
        ],
      ] as const) {
        const phrase = auditPhrase({ action, before, after }, nameOf);
        expect(phrase.replaceAll('{record}', ''), `${action}: ${phrase}`).not.toMatch(/[{}]|undefined|null/);
      }
    }
  });

  it('says who did what to which record: “Alex Morgan removed the assessor role from Farah Begum”', () => {
    expect(
      auditSentence(
        { action: 'user.role_revoked', before: { role: 'assessor', fundId: null }, after: null },
        { actor: 'Alex Morgan', record: 'Farah Begum' },
        nameOf,
      ),
    ).toBe('Alex Morgan removed the assessor role from Farah Begum');
    expect(
      auditSentence(
        { action: 'user.role_granted', before: null, after: { role: 'assessor', fundId: 'f-youth' } },
        { actor: 'Alex Morgan', record: 'Farah Begum' },
        nameOf,
      ),
    ).toBe('Alex Morgan gave Farah Begum the assessor role for the Youth Fund');
    expect(
      auditSentence(
        { action: 'assessment.assigned', before: null, after: { assessorId: 'u-daniel' } },
        { actor: 'Sam Whitfield', record: 'bid PCF-2019-0042' },
        nameOf,
      ),
    ).toBe('Sam Whitfield asked Daniel Okafor to assess bid PCF-2019-0042');
    expect(
      auditSentence(
        { action: 'fund.pot_changed', before: { potPence: 30_000_000 }, after: { potPence: 32_000_000 } },
        { actor: 'Sam Whitfield', record: 'Communities Fund' },
        nameOf,
      ),
    ).toBe('Sam Whitfield changed the pot of Communities Fund from £300,000 to £320,000');
  });

  it('names who acted: a person, the service itself, or someone not signed in', () => {
    expect(auditActorLabel('auth.signed_in', 'u-farah', 'Farah Begum')).toBe('Farah Begum');
    expect(auditActorLabel('bid.complete_scoring', null, null)).toBe('The service');
    expect(auditActorLabel('auth.sign_in_failed', null, null)).toBe('Someone not signed in');
    expect(auditActorLabel('user.disabled', 'u-gone', null)).toBe('A person no longer known');
  });
});
