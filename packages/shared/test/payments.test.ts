import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccountName,
  AccountNumber,
  defaultSchedule,
  formatSortCode,
  type GrantMoney,
  maskAccountNumber,
  maskSortCode,
  nextPaymentStatus,
  PAYMENT_TRANSITIONS,
  PaymentStatus,
  paymentRefusal,
  paymentTransitionRefusal,
  returnRefusal,
  SortCode,
  scheduleProblems,
} from '../src/index.js';

const money = (over: Partial<GrantMoney> = {}): GrantMoney => ({
  awardPence: 1_000_000,
  paidPence: 0,
  inFlightPence: 0,
  returnedPence: 0,
  ...over,
});

describe('the payment schedule', () => {
  it('pays 80% on acceptance and the rest when the final report is approved', () => {
    expect(defaultSchedule(1_175_000)).toEqual([
      { trigger: 'acceptance', amountPence: 940_000 },
      { trigger: 'final_report', amountPence: 235_000 },
    ]);
  });

  it('gives the odd penny to the last instalment, so the parts add up to the award exactly', () => {
    expect(defaultSchedule(1_000_001)).toEqual([
      { trigger: 'acceptance', amountPence: 800_000 },
      { trigger: 'final_report', amountPence: 200_001 },
    ]);
  });

  it('pays an award too small to split in one go', () => {
    expect(defaultSchedule(1)).toEqual([{ trigger: 'acceptance', amountPence: 1 }]);
  });

  it('always adds up to the award, to the penny, and passes its own check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), (award) => {
        const schedule = defaultSchedule(award);
        expect(schedule.reduce((sum, i) => sum + i.amountPence, 0)).toBe(award);
        expect(scheduleProblems(schedule, award)).toEqual({});
      }),
    );
  });

  it('refuses a schedule that does not add up, saying by how much', () => {
    expect(
      scheduleProblems(
        [
          { trigger: 'acceptance', amountPence: 500_000 },
          { trigger: 'final_report', amountPence: 400_000 },
        ],
        1_000_000,
      ),
    ).toEqual({
      instalments: 'The instalments add up to £9,000; they must add up to the award, £10,000',
    });
  });

  it('refuses nothing, zero, negative or fractional instalments, and two for one moment', () => {
    expect(scheduleProblems([], 100)).toEqual({ instalments: 'Add at least one instalment' });
    expect(
      scheduleProblems(
        [
          { trigger: 'acceptance', amountPence: 0 },
          { trigger: 'acceptance', amountPence: 100.5 },
          { trigger: 'final_report', amountPence: -1 },
        ],
        100,
      ),
    ).toMatchObject({
      'instalments.0.amountPence': 'Each instalment must be more than £0',
      'instalments.1.amountPence': 'Each instalment must be more than £0',
      'instalments.1.trigger': 'Each instalment needs a different moment to be paid',
      'instalments.2.amountPence': 'Each instalment must be more than £0',
    });
  });
});

describe('a payment', () => {
  it('is approved or rejected when requested, paid or rejected when approved, and final after', () => {
    expect(nextPaymentStatus('requested', 'approve')).toBe('approved');
    expect(nextPaymentStatus('requested', 'record_paid')).toBeNull();
    expect(nextPaymentStatus('approved', 'record_paid')).toBe('paid');
    expect(nextPaymentStatus('approved', 'reject')).toBe('rejected');
    for (const final of ['paid', 'rejected'] as const) expect(PAYMENT_TRANSITIONS[final]).toEqual({});
    expect(PaymentStatus.options.every((s) => s in PAYMENT_TRANSITIONS)).toBe(true);
    expect(paymentTransitionRefusal('paid', 'approve')).toBe(
      'This payment has been paid, so it cannot be approved',
    );
  });

  it('may be no more than what is left of the award once everything paid and on its way is counted', () => {
    expect(paymentRefusal(800_000, money())).toBeNull();
    expect(paymentRefusal(200_000, money({ paidPence: 800_000 }))).toBeNull();
    expect(paymentRefusal(200_001, money({ paidPence: 800_000 }))).toBe(
      'This is more than is left to pay on the grant: £2,000 of the £10,000 award',
    );
    expect(paymentRefusal(1, money({ paidPence: 800_000, inFlightPence: 200_000 }))).toMatch(/£0 of/);
  });

  it('must be more than £0, in whole pence', () => {
    for (const amount of [0, -1, 0.5, Number.NaN]) {
      expect(paymentRefusal(amount, money())).toBe('A payment must be more than £0');
    }
  });

  it('never lets payments add up to more than the award, however they are asked for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.array(fc.integer({ min: -10, max: 900_000 })),
        (award, asks) => {
          let paid = 0;
          for (const ask of asks) {
            if (paymentRefusal(ask, money({ awardPence: award, paidPence: paid })) === null) paid += ask;
            expect(paid).toBeLessThanOrEqual(award);
          }
        },
      ),
    );
  });
});

describe('returned money', () => {
  it('may be any part of what was paid and not yet returned, never more', () => {
    expect(returnRefusal(100_000, money({ paidPence: 800_000 }))).toBeNull();
    expect(returnRefusal(800_000, money({ paidPence: 800_000 }))).toBeNull();
    expect(returnRefusal(1, money({ paidPence: 800_000, returnedPence: 800_000 }))).toBe(
      'Only £0 has been paid and not returned',
    );
    expect(returnRefusal(0, money({ paidPence: 10 }))).toBe('The amount returned must be more than £0');
  });
});

describe('bank details', () => {
  it('reads sort codes and account numbers as people write them', () => {
    expect(SortCode.parse('30-94-57')).toBe('309457');
    expect(SortCode.parse(' 30 94 57 ')).toBe('309457');
    expect(AccountNumber.parse('0073 3445')).toBe('00733445');
    expect(AccountNumber.parse('733445')).toBe('00733445');
  });

  it('refuses what cannot be a UK sort code, account number or account name, with a message', () => {
    expect(SortCode.safeParse('30-94-5').error?.issues[0]?.message).toBe(
      'Enter a valid sort code like 30-94-57',
    );
    expect(SortCode.safeParse('').error?.issues[0]?.message).toBe('Enter the sort code');
    expect(AccountNumber.safeParse('12345').error?.issues[0]?.message).toBe(
      'Enter a valid account number like 00733445',
    );
    expect(AccountNumber.safeParse('1234567890').success).toBe(false);
    expect(AccountName.safeParse('Millfield Community Kitchen').error?.issues[0]?.message).toMatch(
      /18 characters/,
    );
    expect(AccountName.safeParse('Millfield <script>').success).toBe(false);
    expect(AccountName.parse(' Millfield CK ')).toBe('Millfield CK');
  });

  it('shows only the last digits to everyone but finance', () => {
    expect(maskAccountNumber('00733445')).toBe('****3445');
    expect(maskSortCode('309457')).toBe('**-**-57');
    expect(formatSortCode('309457')).toBe('30-94-57');
  });
});
