import { describe, expect, it } from 'vitest';
import {
  EligibilityAnswers,
  eligibilityProblems,
  requiredAttachmentKinds,
  sectionSchema,
} from '../src/bids.js';
import { DECLARATIONS, ELIGIBLE } from '../src/examples.js';

// The demo seed and both test suites build on these answers, so they must stay answers the
// service accepts.
describe('the example answers', () => {
  it('are eligibility answers that let a group apply, with the two usual documents', () => {
    expect(EligibilityAnswers.parse(ELIGIBLE)).toEqual(ELIGIBLE);
    expect(eligibilityProblems(ELIGIBLE)).toEqual([]);
    expect(requiredAttachmentKinds(ELIGIBLE)).toEqual(['governing_document', 'accounts']);
  });

  it('complete the declarations section as they are', () => {
    expect(sectionSchema('declarations').parse(DECLARATIONS)).toEqual(DECLARATIONS);
  });

  it('cannot be changed by whoever uses them', () => {
    expect(Object.isFrozen(ELIGIBLE)).toBe(true);
    expect(Object.isFrozen(DECLARATIONS)).toBe(true);
  });
});
