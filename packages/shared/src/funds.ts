import { z } from 'zod';
import { IsoDate, IsoDateTime } from './dates.js';
import { PenceAmount } from './money.js';
import { Priority } from './reference.js';

/** Scores run from 0 to 5 on every criterion (PRODUCT.md section 5). */
export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const DEFAULT_CAP_PENCE = 2_000_000; // £20,000
export const DEFAULT_POT_PENCE = 30_000_000; // £300,000
export const DEFAULT_MIN_ASSESSORS = 3;
export const DEFAULT_MODERATION_THRESHOLD = 2;

export const Criterion = z.object({
  id: z.uuid(),
  position: z.int(),
  title: z.string(),
  description: z.string(),
  /** Percentage weight; a fund's criteria add up to 100. */
  weight: z.int().min(1).max(100),
  /** What each score from 0 to 5 means, index = score. */
  guidance: z.array(z.string()).length(SCORE_MAX - SCORE_MIN + 1),
});
export type Criterion = z.infer<typeof Criterion>;

export const FundStatus = z.enum(['upcoming', 'open', 'closed']);
export type FundStatus = z.infer<typeof FundStatus>;

export const Fund = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** Short code used in bid references, e.g. "PCF" → PCF-2019-0042. */
    code: z.string(),
    description: z.string(),
    potPence: PenceAmount,
    capPence: PenceAmount,
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    deliveryStartsOn: IsoDate,
    deliveryEndsOn: IsoDate,
    minAssessors: z.int(),
    moderationThreshold: z.int(),
    /** The London date assessors are asked to submit scores by, or null. */
    scoresDueOn: IsoDate.nullable(),
    status: FundStatus,
    /** Unpublished funds are being set up: only officers and admins see them. */
    published: z.boolean(),
    /** The conditions every grant of the fund carries, copied onto each grant when it is awarded. */
    standardConditions: z.array(z.object({ text: z.string(), beforeFirstPayment: z.boolean() })),
    /** Where the council's finance system books the fund's payments. */
    costCentre: z.string(),
    accountCode: z.string(),
    /** Once a bid has been sent, the rules it is judged by (cap, criteria, weights) cannot change. */
    rulesLocked: z.boolean(),
    priorities: z.array(Priority),
    criteria: z.array(Criterion),
  })
  .meta({ id: 'Fund' });
export type Fund = z.infer<typeof Fund>;

export const FundList = z.object({ funds: z.array(Fund) });

/** Where a fund stands at an instant. */
export function fundStatusAt(fund: { opensAt: string; closesAt: string }, now: Date): FundStatus {
  if (now.getTime() < Date.parse(fund.opensAt)) return 'upcoming';
  if (now.getTime() >= Date.parse(fund.closesAt)) return 'closed';
  return 'open';
}

const BudgetSlice = z.object({
  id: z.uuid(),
  name: z.string(),
  committedPence: PenceAmount,
  awardsCount: z.int(),
});

/** The shape is a stable API point (PRODUCT.md section 10). */
export const FundBudget = z
  .object({
    fundId: z.uuid(),
    potPence: PenceAmount,
    capPence: PenceAmount,
    /** Awards less money returned. */
    committedPence: PenceAmount,
    paidPence: PenceAmount,
    returnedPence: PenceAmount,
    /** Pot less committed. */
    availablePence: PenceAmount,
    awardsCount: z.int(),
    /** Amounts requested by bids submitted but not yet decided. */
    pipelinePence: PenceAmount,
    byPriority: z.array(BudgetSlice),
    byWard: z.array(BudgetSlice),
  })
  .meta({ id: 'FundBudget' });
export type FundBudget = z.infer<typeof FundBudget>;

// ─── Month by month across the financial year (issue 10, item 6) ─────────────────────────────

/** The financial year a London date falls in, by the year it starts: April 2026 to March 2027 is 2026. */
export function financialYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** "2026/27": how councils write a financial year. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Money committed (awards less returns) and paid (less reversals) on a London date. */
export interface MoneyOnDate {
  on: string;
  committedPence?: number;
  paidPence?: number;
}

/**
 * The twelve months of a financial year, April to March, each with what was committed and paid in
 * it; entries outside the year are left out. Sums are whole pence, so the months add up exactly.
 */
export function moneyByMonth(
  startYear: number,
  entries: readonly MoneyOnDate[],
): { month: string; committedPence: number; paidPence: number }[] {
  const months = Array.from({ length: 12 }, (_, index) => {
    const monthIndex = (index + 3) % 12;
    const year = index < 9 ? startYear : startYear + 1;
    return { month: `${year}-${String(monthIndex + 1).padStart(2, '0')}`, committedPence: 0, paidPence: 0 };
  });
  const byMonth = new Map(months.map((m) => [m.month, m]));
  for (const entry of entries) {
    const month = byMonth.get(entry.on.slice(0, 7));
    if (!month) continue;
    month.committedPence += entry.committedPence ?? 0;
    month.paidPence += entry.paidPence ?? 0;
  }
  return months;
}

export const FundMonths = z
  .object({
    fundId: z.uuid(),
    /** The year the financial year starts in: 2026 is April 2026 to March 2027. */
    financialYear: z.int(),
    label: z.string(),
    months: z.array(
      z.object({
        /** YYYY-MM */
        month: z.string(),
        /** Awards made less money returned in the month (negative when more came back). */
        committedPence: z.int(),
        /** Paid in the month, less reversals. */
        paidPence: z.int(),
      }),
    ),
  })
  .meta({ id: 'FundMonths' });
export type FundMonths = z.infer<typeof FundMonths>;

export const FundMonthsQuery = z.strictObject({
  year: z.coerce
    .number({ error: 'Enter the year the financial year starts in, like 2026' })
    .int('Enter the year the financial year starts in, like 2026')
    .min(2000, 'Enter a year from 2000')
    .max(2100, 'Enter a year before 2100')
    .optional(),
});
