import { z } from 'zod';
import type { AuditAction } from './audit.js';
import { formatPence } from './money.js';

// ─── Paying a grant (PRODUCT.md section 4, rules 4 and 6; section 6) ─────────────────────────
// The rules of the money that leaves the council: a schedule that adds up to the award to the
// penny, payments that never exceed it, and states every payment moves through. Who may do each
// step (two people, always) is in access.ts. See docs/decisions/0022-grant-offers.md and 0023-bank-details-and-payments.md.

/** What releases an instalment: accepting the offer, or the final report being approved. */
export const InstalmentTrigger = z.enum(['acceptance', 'final_report']);
export type InstalmentTrigger = z.infer<typeof InstalmentTrigger>;

export const INSTALMENT_TRIGGER_LABELS: Record<InstalmentTrigger, string> = {
  acceptance: 'When the offer is accepted',
  final_report: 'When the final report is approved',
};

export interface Instalment {
  trigger: InstalmentTrigger;
  amountPence: number;
}

/** The default share paid when the offer is accepted (PRODUCT.md section 6): 80%, the rest at the end. */
export const FIRST_INSTALMENT_PERCENT = 80;

/**
 * The default schedule for an award: 80% on acceptance, the rest when the final report is
 * approved. The first part is rounded down to the penny, so the last part takes the odd penny and
 * the two always add up to the award exactly. An award too small to split is paid in one.
 */
export function defaultSchedule(awardPence: number): Instalment[] {
  const first = Math.floor((awardPence * FIRST_INSTALMENT_PERCENT) / 100);
  const last = awardPence - first;
  if (first <= 0 || last <= 0) return [{ trigger: 'acceptance', amountPence: awardPence }];
  return [
    { trigger: 'acceptance', amountPence: first },
    { trigger: 'final_report', amountPence: last },
  ];
}

/**
 * What is wrong with a schedule an officer has set, field by field (paths into the list), or an
 * empty object when it is right: every instalment more than £0 in whole pence, at most one per
 * trigger, and all of them adding up to the award exactly.
 */
export function scheduleProblems(
  instalments: readonly Instalment[],
  awardPence: number,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (instalments.length === 0) problems.instalments = 'Add at least one instalment';
  const seen = new Set<InstalmentTrigger>();
  instalments.forEach((instalment, index) => {
    if (!Number.isSafeInteger(instalment.amountPence) || instalment.amountPence <= 0) {
      problems[`instalments.${index}.amountPence`] = 'Each instalment must be more than £0';
    }
    if (seen.has(instalment.trigger)) {
      problems[`instalments.${index}.trigger`] = 'Each instalment needs a different moment to be paid';
    }
    seen.add(instalment.trigger);
  });
  const total = instalments.reduce(
    (sum, i) => sum + (Number.isSafeInteger(i.amountPence) ? i.amountPence : 0),
    0,
  );
  if (instalments.length > 0 && total !== awardPence) {
    problems.instalments = `The instalments add up to ${formatPence(total)}; they must add up to the award, ${formatPence(awardPence)}`;
  }
  return problems;
}

// ─── A payment's life ────────────────────────────────────────────────────────────────────────

export const PaymentStatus = z.enum(['requested', 'approved', 'paid', 'rejected']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  requested: 'Waiting for approval',
  approved: 'Approved, to be paid',
  paid: 'Paid',
  rejected: 'Rejected',
};

export type PaymentAction = 'approve' | 'reject' | 'record_paid';

/**
 * Every allowed move of a payment. A payment made in error is not moved back: a reversing entry
 * (a negative payment pointing at it) corrects it, so the ledger keeps both (rule 6).
 */
export const PAYMENT_TRANSITIONS: Record<PaymentStatus, Partial<Record<PaymentAction, PaymentStatus>>> = {
  requested: { approve: 'approved', reject: 'rejected' },
  approved: { record_paid: 'paid', reject: 'rejected' },
  paid: {},
  rejected: {},
};

export const PAYMENT_MOVE_AUDIT = {
  approve: 'payment.approved',
  reject: 'payment.rejected',
  record_paid: 'payment.paid',
} as const satisfies Record<PaymentAction, AuditAction>;

const PAYMENT_ACTION_WORDS: Record<PaymentAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  record_paid: 'recorded as paid',
};

const PAYMENT_STATUS_PHRASES: Record<PaymentStatus, string> = {
  requested: 'is waiting for approval',
  approved: 'is approved and waiting to be paid',
  paid: 'has been paid',
  rejected: 'was rejected',
};

export function nextPaymentStatus(status: PaymentStatus, action: PaymentAction): PaymentStatus | null {
  return PAYMENT_TRANSITIONS[status][action] ?? null;
}

/** The 409 message for a refused move, naming the current state. */
export function paymentTransitionRefusal(status: PaymentStatus, action: PaymentAction): string {
  return `This payment ${PAYMENT_STATUS_PHRASES[status]}, so it cannot be ${PAYMENT_ACTION_WORDS[action]}`;
}

/** Where a grant's money stands: awarded, paid (less reversals), on its way, returned. */
export interface GrantMoney {
  awardPence: number;
  /** Paid, less any reversing entries. */
  paidPence: number;
  /** Requested or approved, not yet paid. */
  inFlightPence: number;
  returnedPence: number;
}

/** What may still be asked for on a grant: the award less what is paid or on its way. */
export function unpaidPence(money: GrantMoney): number {
  return money.awardPence - money.paidPence - money.inFlightPence;
}

/**
 * Whether a payment of this amount may be requested (rule 4): more than £0 in whole pence, and no
 * more than what remains of the award once everything paid and on its way is counted. Null when
 * it may; otherwise why not, in words for the officer.
 */
export function paymentRefusal(amountPence: number, money: GrantMoney): string | null {
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0) return 'A payment must be more than £0';
  const left = unpaidPence(money);
  if (amountPence > left) {
    return `This is more than is left to pay on the grant: ${formatPence(Math.max(0, left))} of the ${formatPence(money.awardPence)} award`;
  }
  return null;
}

/**
 * Whether money may be recorded as returned from a grant: more than £0, and never more in all than
 * was paid (what has not been paid cannot come back; an unpaid award is released by declining or
 * ending the grant instead).
 */
export function returnRefusal(amountPence: number, money: GrantMoney): string | null {
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0)
    return 'The amount returned must be more than £0';
  if (money.returnedPence + amountPence > money.paidPence) {
    return `Only ${formatPence(Math.max(0, money.paidPence - money.returnedPence))} has been paid and not returned`;
  }
  return null;
}

// ─── Bank details (mandate fraud is the commonest grant fraud: a changed account) ──────────

/** A UK sort code as people write it (12-34-56, 12 34 56, 123456), kept as six digits. */
export const SortCode = z
  .string({ message: 'Enter the sort code' })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter the sort code')
      .regex(/^\d{6}$/, 'Enter a valid sort code like 30-94-57'),
  );

/** A UK account number: 6 to 8 digits, kept as 8 (shorter numbers are padded with zeros, as banks do). */
export const AccountNumber = z
  .string({ message: 'Enter the account number' })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter the account number')
      .regex(/^\d{6,8}$/, 'Enter a valid account number like 00733445')
      .transform((digits) => digits.padStart(8, '0')),
  );

/** The name on the account, as the bank holds it (BACS allows 18 characters of these). */
export const AccountName = z
  .string({ message: 'Enter the name on the account' })
  .trim()
  .min(1, 'Enter the name on the account')
  .max(18, 'The name on the account must be 18 characters or fewer, as the bank shows it')
  .regex(
    /^[A-Za-z0-9 &./'-]+$/,
    "The name on the account can only include letters, numbers, spaces and & . / ' -",
  );

export const BankDetailsBody = z.strictObject({
  accountName: AccountName,
  sortCode: SortCode,
  accountNumber: AccountNumber,
});
export type BankDetailsBody = z.input<typeof BankDetailsBody>;

/** Only the last digits, for everyone but finance: ****3445. */
export function maskAccountNumber(accountNumber: string): string {
  return `****${accountNumber.slice(-4)}`;
}

/** Only the last pair, for everyone but finance: **-**-57. */
export function maskSortCode(sortCode: string): string {
  return `**-**-${sortCode.slice(-2)}`;
}

/** A sort code as people read it: 30-94-57. */
export function formatSortCode(sortCode: string): string {
  return sortCode.replace(/^(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3');
}
