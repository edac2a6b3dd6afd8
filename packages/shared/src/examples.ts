// Example answers, written once for the demo seed and the tests of the API and of this package.
// Exported as '@cf/shared/examples', not from the index, so the web app's bundle never carries them.
import type { EligibilityAnswers, SectionDataMap } from './bids.js';

/** Eligibility answers that let a group apply (no work with children or adults at risk). */
export const ELIGIBLE = Object.freeze({
  basedInPeterborough: 'yes',
  constituted: 'yes',
  bankAccount: 'yes',
  notForProfit: 'yes',
  withinCap: 'yes',
  withinDelivery: 'yes',
  worksWithAtRisk: 'no',
} as const satisfies EligibilityAnswers);

/** The declarations section, complete: every box ticked and signed by the demo applicant. */
export const DECLARATIONS = Object.freeze({
  accurate: true,
  useForProject: true,
  monitoring: true,
  dataProtection: true,
  name: 'Amina Hussain',
  position: 'Chair',
} as const satisfies SectionDataMap['declarations']);
