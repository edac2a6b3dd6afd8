import { describe, expect, it } from 'vitest';
import {
  answerRefusal,
  defaultOfferDeadline,
  firstPaymentBlockers,
  isOfferOverdue,
  OfferChangeBody,
  offerChangeRefusal,
  offerState,
  reportingSchedule,
} from '../src/index.js';

describe('offers', () => {
  const issued = {
    status: 'offered' as const,
    issuedAt: '2019-07-01T09:00:00.000Z',
    offerDeadline: '2019-07-29',
  };

  it('reads the offer’s state from the grant', () => {
    expect(offerState({ status: 'offered', issuedAt: null })).toBe('draft');
    expect(offerState(issued)).toBe('issued');
    expect(offerState({ status: 'in_delivery', issuedAt: issued.issuedAt })).toBe('accepted');
    expect(offerState({ status: 'declined', issuedAt: issued.issuedAt })).toBe('declined');
    expect(offerState({ status: 'ended_early', issuedAt: issued.issuedAt })).toBe('ended');
  });

  it('gives 28 days to answer, overdue only the day after the deadline', () => {
    expect(defaultOfferDeadline('2019-07-01')).toBe('2019-07-29');
    expect(defaultOfferDeadline('2019-12-20')).toBe('2020-01-17');
    expect(isOfferOverdue(issued, '2019-07-29')).toBe(false);
    expect(isOfferOverdue(issued, '2019-07-30')).toBe(true);
    expect(isOfferOverdue({ ...issued, issuedAt: null }, '2019-08-30')).toBe(false);
    expect(isOfferOverdue({ ...issued, status: 'in_delivery' }, '2019-08-30')).toBe(false);
  });

  it('refuses an answer to a draft, an answered offer or one past its deadline; changes once not a draft', () => {
    expect(answerRefusal(issued, '2019-07-29')).toBeNull();
    expect(answerRefusal(issued, '2019-07-30')).toBe(
      "The offer's deadline has passed; ask the grants officer",
    );
    expect(answerRefusal({ ...issued, issuedAt: null }, '2019-07-02')).toBe(
      'This offer has not been issued yet',
    );
    expect(answerRefusal({ ...issued, status: 'in_delivery' }, '2019-07-02')).toBe(
      'This offer is accepted already',
    );
    expect(offerChangeRefusal('draft')).toBeNull();
    expect(offerChangeRefusal('issued')).toBe(
      'This offer has been issued to the group, so it cannot be changed',
    );
    expect(offerChangeRefusal('accepted')).toBe('This offer has been accepted, so it cannot be changed');
  });

  it('asks a final report only under £5,000, and a mid-point report too from £5,000', () => {
    const delivery = { startDate: '2019-09-01', endDate: '2020-03-31' };
    expect(reportingSchedule(499_999, delivery)).toEqual([{ kind: 'final', dueOn: '2020-05-12' }]);
    expect(reportingSchedule(500_000, delivery)).toEqual([
      { kind: 'mid_point', dueOn: '2019-12-16' },
      { kind: 'final', dueOn: '2020-05-12' },
    ]);
  });

  it('says why the first payment must wait: not accepted, or a condition before it not met', () => {
    const conditions = [
      { text: 'Keep receipts for six years', beforeFirstPayment: false, metAt: null },
      { text: 'Upload your safeguarding policy', beforeFirstPayment: true, metAt: null },
    ];
    expect(firstPaymentBlockers({ status: 'offered', conditions })).toEqual([
      'The group has not accepted the offer yet',
      'Condition not met yet: Upload your safeguarding policy',
    ]);
    const met = conditions.map((c) => ({ ...c, metAt: '2019-08-01T10:00:00.000Z' }));
    expect(firstPaymentBlockers({ status: 'in_delivery', conditions: met })).toEqual([]);
    expect(firstPaymentBlockers({ status: 'declined', conditions: met })).toHaveLength(1);
  });

  it('reads an officer’s changes: at least one instalment, conditions in words', () => {
    const parsed = OfferChangeBody.safeParse({
      version: 1,
      purpose: '  A café  ',
      offerDeadline: null,
      instalments: [],
      conditions: [{ text: '' }],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['conditions.0.text', 'instalments']);
  });
});
