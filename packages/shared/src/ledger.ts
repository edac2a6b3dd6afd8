import { z } from 'zod';
import { IsoDate, IsoDateTime } from './dates.js';
import { GrantStatus } from './grants.js';
import { Pence, PenceAmount } from './money.js';
import { InstalmentTrigger, PaymentStatus } from './payments.js';

// ─── The API's side of paying grants: bank details, payments, returned money, the ledger ────
// The rules (what may be paid, returned, how an account is masked) are in payments.ts; these are
// the request bodies and answers. See docs/decisions/0023-bank-details-and-payments.md.

/** What a money_returns row is: an offer declined, the unpaid part of a grant ended early released, or money paid back. */
export const MoneyReturnKind = z.enum(['declined', 'released', 'returned']);
export type MoneyReturnKind = z.infer<typeof MoneyReturnKind>;

export const MONEY_RETURN_KIND_LABELS: Record<MoneyReturnKind, string> = {
  declined: 'Offer declined',
  released: 'Not paid: released to the pot',
  returned: 'Paid back by the group',
};

const reasonText = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(1000, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be 1,000 characters or fewer`);

const referenceText = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(40, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be 40 characters or fewer`)
    .regex(
      /^[A-Za-z0-9 ./_-]+$/,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} can only include letters, numbers, spaces and . / _ -`,
    );

/** An amount of money typed as pence by the form: a whole number more than 0. */
const positivePence = (what: string) =>
  z
    .int({ error: `Enter ${what} in pounds and pence, like 1,250.50` })
    .min(1, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be more than £0`)
    .max(100_000_000_000, `${what.charAt(0).toUpperCase()}${what.slice(1)} is too large`);

// ─── Bank details ────────────────────────────────────────────────────────────────────────────

/** A bank account as everyone but finance's "Show the full details" sees it: masked. */
export const BankAccountView = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    accountName: z.string(),
    /** Masked: **-**-57. */
    sortCode: z.string(),
    /** Masked: ****3445. */
    accountNumber: z.string(),
    recordedByName: z.string(),
    recordedById: z.uuid(),
    recordedAt: IsoDateTime,
    /** Null until finance records a call-back check. */
    check: z
      .object({
        checkedById: z.uuid(),
        checkedByName: z.string(),
        checkedAt: IsoDateTime,
        phoneNumber: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'BankAccountView' });
export type BankAccountView = z.infer<typeof BankAccountView>;

export const CurrentBankAccount = z.object({ account: BankAccountView.nullable() });
export type CurrentBankAccount = z.infer<typeof CurrentBankAccount>;

export const BankAccountList = z.object({ accounts: z.array(BankAccountView) });
export type BankAccountList = z.infer<typeof BankAccountList>;

/** The full details, for finance only (each read is audited). */
export const BankAccountFull = z.object({
  id: z.uuid(),
  accountName: z.string(),
  sortCode: z.string(),
  accountNumber: z.string(),
});
export type BankAccountFull = z.infer<typeof BankAccountFull>;

/** Finance's call-back check of a new or changed account. */
export const BankCheckBody = z.strictObject({
  phoneNumber: z
    .string({ error: 'Enter the phone number you called' })
    .trim()
    .min(1, 'Enter the phone number you called')
    .regex(/^\+?[\d ()-]{6,20}$/, 'Enter a phone number, like 01733 747474'),
  numberFromRecords: z.literal(true, {
    error: 'Confirm the number came from the council’s records from before the change',
  }),
});
export type BankCheckBody = z.input<typeof BankCheckBody>;

export const BankAccountIdParams = z.object({ bankAccountId: z.uuid({ error: 'Page not found' }) });

// ─── Payments ────────────────────────────────────────────────────────────────────────────────

export const PaymentRequestBody = z.strictObject({
  amountPence: positivePence('the amount'),
  trigger: InstalmentTrigger,
});
export type PaymentRequestBody = z.input<typeof PaymentRequestBody>;

export const PaymentRejectBody = z.strictObject({ reason: reasonText('why the payment is rejected') });
export type PaymentRejectBody = z.input<typeof PaymentRejectBody>;

export const PaymentPaidBody = z.strictObject({
  paidOn: IsoDate,
  paidReference: referenceText('the finance system’s reference'),
});
export type PaymentPaidBody = z.input<typeof PaymentPaidBody>;

export const PaymentReverseBody = z.strictObject({
  reason: reasonText('why the payment is reversed'),
  reversedOn: IsoDate,
  paidReference: referenceText('the finance system’s reference for the reversal'),
});
export type PaymentReverseBody = z.input<typeof PaymentReverseBody>;

export const PaymentIdParams = z.object({ paymentId: z.uuid({ error: 'Page not found' }) });

export const Payment = z
  .object({
    id: z.uuid(),
    grantId: z.uuid(),
    fundId: z.uuid(),
    amountPence: Pence,
    trigger: InstalmentTrigger,
    status: PaymentStatus,
    bankAccountId: z.uuid(),
    /** The masked account it goes to. */
    payee: z.string(),
    reversesPaymentId: z.uuid().nullable(),
    reversedByPaymentId: z.uuid().nullable(),
    reversalReason: z.string().nullable(),
    requestedById: z.uuid(),
    requestedByName: z.string(),
    requestedAt: IsoDateTime,
    approvedByName: z.string().nullable(),
    approvedAt: IsoDateTime.nullable(),
    paidOn: IsoDate.nullable(),
    paidReference: z.string().nullable(),
    rejectedByName: z.string().nullable(),
    rejectedAt: IsoDateTime.nullable(),
    rejectedReason: z.string().nullable(),
    /** Who recorded and verified the account it goes to (nobody approves a payment to an account they recorded or verified). */
    bankRecordedById: z.uuid(),
    bankCheckedById: z.uuid().nullable(),
    /** The grant's bid: for lists across grants. */
    bidReference: z.string().nullable(),
    bidTitle: z.string().nullable(),
    organisationName: z.string(),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

export const PaymentList = z.object({ payments: z.array(Payment) });
export type PaymentList = z.infer<typeof PaymentList>;

// ─── Returned money and ending early ─────────────────────────────────────────────────────────

export const MoneyReturnBody = z.strictObject({
  amountPence: positivePence('the amount returned'),
  receivedOn: IsoDate,
  reason: reasonText('why the money was returned'),
  receiptReference: referenceText('the council’s receipt reference'),
});
export type MoneyReturnBody = z.input<typeof MoneyReturnBody>;

export const EndEarlyBody = z.strictObject({
  reason: reasonText('why the grant is ending early'),
  owedBackPence: z
    .int({ error: 'Enter what the group owes back in pounds and pence, or 0' })
    .min(0, 'What is owed back cannot be less than £0')
    .max(100_000_000_000, 'What is owed back is too large'),
});
export type EndEarlyBody = z.input<typeof EndEarlyBody>;

export const MoneyReturn = z.object({
  id: z.uuid(),
  kind: MoneyReturnKind,
  amountPence: PenceAmount,
  reason: z.string(),
  receivedOn: IsoDate.nullable(),
  receiptReference: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: IsoDateTime,
});
export type MoneyReturn = z.infer<typeof MoneyReturn>;

/** A grant's money: where it stands, its payments and returns, and the account it is paid to. */
export const GrantMoneyView = z
  .object({
    grant: z.object({
      id: z.uuid(),
      fundId: z.uuid(),
      fundName: z.string(),
      organisationId: z.uuid(),
      organisationName: z.string(),
      bidId: z.uuid(),
      bidReference: z.string().nullable(),
      bidTitle: z.string().nullable(),
      status: GrantStatus,
    }),
    money: z.object({
      awardPence: PenceAmount,
      paidPence: Pence,
      inFlightPence: PenceAmount,
      returnedPence: PenceAmount,
      /** What may still be asked for. */
      unpaidPence: Pence,
    }),
    payments: z.array(Payment),
    returns: z.array(MoneyReturn),
    bankAccount: BankAccountView.nullable(),
    ending: z
      .object({
        reason: z.string(),
        owedBackPence: PenceAmount,
        endedAt: IsoDateTime,
        endedByName: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'GrantMoneyView' });
export type GrantMoneyView = z.infer<typeof GrantMoneyView>;

/** One grant of a fund as the ledger lists it, with where its money stands. */
export const FundGrantMoney = z.object({
  grantId: z.uuid(),
  bidReference: z.string().nullable(),
  bidTitle: z.string().nullable(),
  organisationName: z.string(),
  status: GrantStatus,
  awardPence: PenceAmount,
  paidPence: Pence,
  inFlightPence: PenceAmount,
  returnedPence: PenceAmount,
});
export type FundGrantMoney = z.infer<typeof FundGrantMoney>;

export const FundGrantMoneyList = z
  .object({ grants: z.array(FundGrantMoney) })
  .meta({ id: 'FundGrantMoneyList' });
export type FundGrantMoneyList = z.infer<typeof FundGrantMoneyList>;

// ─── The ledger ──────────────────────────────────────────────────────────────────────────────

export const LedgerQuery = z.object({
  status: PaymentStatus.optional(),
  /** Requested (or paid, for paid entries) on or after this date. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** Pence as the plain decimal a finance system imports: 1234.50, -1234.50. Integer arithmetic only. */
export function penceAsDecimal(value: number): string {
  const abs = Math.abs(value);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value < 0 ? `-${text}` : text;
}
