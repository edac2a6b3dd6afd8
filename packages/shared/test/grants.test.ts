import { describe, expect, it } from 'vitest';
import {
  BID_TRANSITIONS,
  GRANT_MOVE_AUDIT,
  GRANT_TRANSITIONS,
  GrantStatus,
  grantTransitionRefusal,
  nextGrantStatus,
} from '../src/index.js';

describe('the life of a grant', () => {
  it('starts where the bid ends: an awarded bid has no moves of its own', () => {
    expect(BID_TRANSITIONS.awarded).toEqual({});
  });

  it('is accepted into delivery, declined, or ended early from an offer', () => {
    expect(nextGrantStatus('offered', 'accept')).toBe('in_delivery');
    expect(nextGrantStatus('offered', 'decline')).toBe('declined');
    expect(nextGrantStatus('offered', 'end_early')).toBe('ended_early');
    expect(nextGrantStatus('offered', 'complete')).toBeNull();
  });

  it('completes, or ends early, only from delivery', () => {
    expect(nextGrantStatus('in_delivery', 'complete')).toBe('completed');
    expect(nextGrantStatus('in_delivery', 'end_early')).toBe('ended_early');
    expect(nextGrantStatus('in_delivery', 'accept')).toBeNull();
    expect(nextGrantStatus('in_delivery', 'decline')).toBeNull();
  });

  it('has no way out of a final state', () => {
    for (const status of ['completed', 'declined', 'ended_early'] as const) {
      expect(Object.keys(GRANT_TRANSITIONS[status])).toEqual([]);
    }
  });

  it('can reach every state from an offer', () => {
    const reached = new Set<string>(['offered']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const from of reached) {
        for (const to of Object.values(GRANT_TRANSITIONS[from as GrantStatus])) {
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...GrantStatus.options].sort());
  });

  it('records each move under its own audit action', () => {
    expect(new Set(Object.values(GRANT_MOVE_AUDIT)).size).toBe(Object.keys(GRANT_MOVE_AUDIT).length);
  });

  it('names the current state when refusing a move', () => {
    expect(grantTransitionRefusal('declined', 'accept')).toBe(
      'This grant was declined by the group, so it cannot be accepted',
    );
  });
});
