import type { DateParts } from '../../../lib/resolver';

/** What the fund form's inputs hold (text, as typed), before the shared FundBody schema reads them. */
export interface FundFormValues {
  name: string;
  code: string;
  description: string;
  pot: string;
  /** Why the pot is changing: asked only when changing a fund's pot. */
  potChangeReason: string;
  cap: string;
  opensOn: DateParts;
  opensTime: string;
  closesOn: DateParts;
  closesTime: string;
  deliveryStartsOn: DateParts;
  deliveryEndsOn: DateParts;
  minAssessors: string;
  scoresDueOn: DateParts;
  moderationThreshold: string;
  /** Where the finance system books the fund's payments. */
  costCentre: string;
  accountCode: string;
  published: boolean | string;
  priorityIds: string[] | string | false;
  criteria: CriterionValues[];
  /** The fund's standard conditions, one a line: for every grant, and to meet before the first payment. */
  conditions: string;
  conditionsBeforePayment: string;
}

export interface CriterionValues {
  title: string;
  description: string;
  weight: string;
  guidance: string[];
}
