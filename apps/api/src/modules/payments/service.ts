import { Readable } from 'node:stream';
import {
  type BankAccountFull,
  type BankAccountView,
  type BankCheckBody,
  type BankDetailsBody,
  type CaseRef,
  can,
  type EndEarlyBody,
  type FundGrantMoney,
  firstPaymentBlockers,
  formatPence,
  GRANT_STATUS_LABELS,
  type GrantMoneyView,
  type InstalmentTrigger,
  type LedgerQuery,
  londonToday,
  type MoneyReturnBody,
  maskAccountNumber,
  maskSortCode,
  nextPaymentStatus,
  PAYMENT_MOVE_AUDIT,
  PAYMENT_STATUS_LABELS,
  type Payment,
  type PaymentAction,
  type PaymentRequestBody,
  type Permission,
  paymentRefusal,
  paymentTransitionRefusal,
  pence,
  penceAsDecimal,
  returnRefusal,
  unpaidPence,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { csvChunks, decimalCell } from '../../lib/csv.js';
import { badRequest, conflict, invalidState, notFound } from '../../lib/errors.js';
import { AccessDenied, authorize, requireActor } from '../access/policy.js';
import { conditionsOf, getGrantRow } from '../grants/repository.js';
import { moveGrant } from '../grants/service.js';
import { mailTemplates } from '../mail/templates.js';
import { getOrganisationRow, groupMembers } from '../organisations/repository.js';
import {
  accountsWaitingForCheck,
  type BankAccountRecord,
  conflictedWith,
  currentBankAccount,
  endingOfGrant,
  fundCodes,
  type GrantForMoney,
  getBankAccount,
  getPayment,
  grantForMoney,
  grantSums,
  grantsOfFund,
  insertBankAccount,
  insertBankCheck,
  insertEnding,
  insertPayment,
  insertReturn,
  type PaymentRecord,
  paymentByKey,
  paymentsOfFund,
  paymentsOfGrant,
  paymentsWaiting,
  returnsOfGrant,
  writePaymentMove,
} from './repository.js';

// Paying grants (PRODUCT.md section 4, rules 4 and 6; decision 0023): bank details with a
// call-back check, payments that need two people, returned money, the ledger.

/**
 * Refuses with words that say why (two people, always), audited as every refusal of access is.
 * The rule itself is `can`'s; this only chooses the message.
 */
function refuseUnless(actor: Actor, permission: Permission, message: string): void {
  if (!can(actor, permission)) throw new AccessDenied(permission.action, false, message);
}

// ─── Bank details ────────────────────────────────────────────────────────────────────────────

function bankView(account: BankAccountRecord): BankAccountView {
  return {
    id: account.id,
    organisationId: account.organisationId,
    organisationName: account.organisationName,
    accountName: account.accountName,
    sortCode: maskSortCode(account.sortCode),
    accountNumber: maskAccountNumber(account.accountNumber),
    recordedById: account.recordedBy,
    recordedByName: account.recordedByName,
    recordedAt: account.recordedAt,
    check: account.check,
  };
}

function groupOr404(q: Queryable, organisationId: string) {
  const group = getOrganisationRow(q, organisationId);
  if (!group) throw notFound('Page not found');
  return group;
}

/** The group's current bank details, masked: its members and staff. Others: 404. */
export function currentBankDetails(ctx: ServiceContext, organisationId: string): BankAccountView | null {
  groupOr404(ctx.db, organisationId);
  authorize(ctx.actor, { action: 'bank.read', organisation: { id: organisationId } }, { hide: true });
  const account = currentBankAccount(ctx.db, organisationId);
  return account ? bankView(account) : null;
}

/**
 * A member gives new bank details: a new row (the old ones are kept), unverified until finance
 * calls the group back. Audited, and every other member is told, in case it was not them.
 */
export function changeBankDetails(
  ctx: ServiceContext,
  organisationId: string,
  body: BankDetailsBody & { sortCode: string; accountNumber: string },
): BankAccountView {
  const actor = requireActor(ctx.actor);
  const group = groupOr404(ctx.db, organisationId);
  authorize(actor, { action: 'bank.manage', organisation: { id: organisationId } }, { hide: true });
  const id = unitOfWork(ctx.db, (tx) => {
    const before = currentBankAccount(tx, organisationId);
    const at = ctx.clock.now().toISOString();
    const accountId = insertBankAccount(tx, { organisationId, ...body, recordedBy: actor.id, at });
    ctx.audit(tx, {
      action: 'payment.bank_changed',
      entityType: 'organisation',
      entityId: organisationId,
      before: before
        ? {
            bankAccountId: before.id,
            accountName: before.accountName,
            sortCode: maskSortCode(before.sortCode),
            accountNumber: maskAccountNumber(before.accountNumber),
          }
        : null,
      after: {
        bankAccountId: accountId,
        accountName: body.accountName,
        sortCode: maskSortCode(body.sortCode),
        accountNumber: maskAccountNumber(body.accountNumber),
      },
    });
    for (const member of groupMembers(tx, organisationId)) {
      if (member.id === actor.id) continue;
      ctx.mail(
        tx,
        mailTemplates.bankDetailsChanged(member, {
          groupName: group.name,
          changedByName: actor.name,
          accountNumberEnd: maskAccountNumber(body.accountNumber),
        }),
      );
    }
    return accountId;
  });
  const account = getBankAccount(ctx.db, id);
  if (!account) throw notFound();
  return bankView(account);
}

/** The full details, for finance, each time a deliberate act: audited as a read. */
export function fullBankDetails(ctx: ServiceContext, bankAccountId: string): BankAccountFull {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'bank.read_full' }, { hide: true });
  const account = getBankAccount(ctx.db, bankAccountId);
  if (!account) throw notFound();
  unitOfWork(ctx.db, (tx) =>
    ctx.audit(tx, {
      action: 'payment.bank_read_full',
      entityType: 'organisation',
      entityId: account.organisationId,
      after: { bankAccountId: account.id },
    }),
  );
  return {
    id: account.id,
    accountName: account.accountName,
    sortCode: account.sortCode,
    accountNumber: account.accountNumber,
  };
}

/** Current accounts nobody has checked yet: finance's list. */
export function bankDetailsToCheck(ctx: ServiceContext): BankAccountView[] {
  authorize(ctx.actor, { action: 'bank.verify' });
  return accountsWaitingForCheck(ctx.db).map(bankView);
}

/** One account, masked, for the check page: finance. */
export function bankAccountForCheck(ctx: ServiceContext, bankAccountId: string): BankAccountView {
  authorize(ctx.actor, { action: 'bank.verify' }, { hide: true });
  const account = getBankAccount(ctx.db, bankAccountId);
  if (!account) throw notFound();
  return bankView(account);
}

/**
 * Finance records the call-back check of a group's current account: the number called, from the
 * council's records from before the change. Never by the person who recorded the change.
 */
export function checkBankDetails(
  ctx: ServiceContext,
  bankAccountId: string,
  body: BankCheckBody & { phoneNumber: string },
): BankAccountView {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'bank.verify' }, { hide: true });
  unitOfWork(ctx.db, (tx) => {
    const account = getBankAccount(tx, bankAccountId);
    if (!account) throw notFound();
    refuseUnless(
      actor,
      { action: 'bank.verify', account: { recordedById: account.recordedBy } },
      'You recorded these bank details, so someone else with the finance role must check them',
    );
    if (account.check)
      throw conflict(`These bank details were checked by ${account.check.checkedByName} already`);
    if (currentBankAccount(tx, account.organisationId)?.id !== account.id) {
      throw conflict('The group has changed its bank details since: check the newest ones instead');
    }
    insertBankCheck(tx, {
      bankAccountId,
      checkedBy: actor.id,
      phoneNumber: body.phoneNumber,
      at: ctx.clock.now().toISOString(),
    });
    ctx.audit(tx, {
      action: 'payment.bank_checked',
      entityType: 'organisation',
      entityId: account.organisationId,
      after: { bankAccountId, phoneNumber: body.phoneNumber, numberFromRecords: true },
    });
  });
  return bankAccountForCheck(ctx, bankAccountId);
}

// ─── A grant's money ─────────────────────────────────────────────────────────────────────────

function grantOr404(q: Queryable, grantId: string): GrantForMoney {
  const grant = grantForMoney(q, grantId);
  if (!grant) throw notFound('Page not found');
  return grant;
}

function caseOfGrant(q: Queryable, grant: { organisationId: string; fundId: string }): CaseRef {
  return {
    organisationId: grant.organisationId,
    fundId: grant.fundId,
    conflictedUserIds: conflictedWith(q, grant.organisationId),
  };
}

/** Staff who may not see a grant's money at all are told it does not exist. */
function mustSeeMoney(q: Queryable, actor: Actor | null, grant: GrantForMoney): CaseRef {
  const bid = caseOfGrant(q, grant);
  authorize(actor, { action: 'finance.ledger', bid }, { hide: true });
  return bid;
}

function paymentView(p: PaymentRecord): Payment {
  return {
    id: p.id,
    grantId: p.grantId,
    fundId: p.fundId,
    amountPence: pence(p.amountPence),
    trigger: p.trigger,
    status: p.status,
    bankAccountId: p.bankAccountId,
    payee: `${p.accountName} (${maskAccountNumber(p.accountNumber)})`,
    reversesPaymentId: p.reversesPaymentId,
    reversedByPaymentId: p.reversedByPaymentId,
    reversalReason: p.reversalReason,
    requestedById: p.requestedBy,
    requestedByName: p.requestedByName,
    requestedAt: p.requestedAt,
    approvedByName: p.approvedByName,
    approvedAt: p.approvedAt,
    paidOn: p.paidOn,
    paidReference: p.paidReference,
    rejectedByName: p.rejectedByName,
    rejectedAt: p.rejectedAt,
    rejectedReason: p.rejectedReason,
    bankRecordedById: p.bankRecordedBy,
    bankCheckedById: p.bankCheckedBy,
    bidReference: p.bidReference,
    bidTitle: p.bidTitle,
    organisationName: p.organisationName,
  };
}

/** Where the grant's money stands as the shared rules see it (paid back counts against paid). */
function moneyOf(q: Queryable, grant: GrantForMoney) {
  const sums = grantSums(q, grant.id);
  return {
    awardPence: grant.awardPence,
    paidPence: sums.paidPence,
    inFlightPence: sums.inFlightPence,
    returnedPence: sums.paidBackPence,
    allReturnedPence: sums.returnedPence,
  };
}

/** A grant's money: where it stands, its payments and returns, and where it is paid to. */
export function grantMoney(ctx: ServiceContext, grantId: string): GrantMoneyView {
  const grant = grantOr404(ctx.db, grantId);
  mustSeeMoney(ctx.db, ctx.actor, grant);
  const money = moneyOf(ctx.db, grant);
  const account = currentBankAccount(ctx.db, grant.organisationId);
  const ending = endingOfGrant(ctx.db, grant.id);
  return {
    grant: {
      id: grant.id,
      fundId: grant.fundId,
      fundName: grant.fundName,
      organisationId: grant.organisationId,
      organisationName: grant.organisationName,
      bidId: grant.bidId,
      bidReference: grant.bidReference,
      bidTitle: grant.bidTitle,
      status: grant.status,
    },
    money: {
      awardPence: pence(grant.awardPence),
      paidPence: pence(money.paidPence),
      inFlightPence: pence(money.inFlightPence),
      returnedPence: pence(money.allReturnedPence),
      unpaidPence: pence(grant.status === 'in_delivery' ? Math.max(0, unpaidPence(money)) : 0),
    },
    payments: paymentsOfGrant(ctx.db, grant.id).map(paymentView),
    returns: returnsOfGrant(ctx.db, grant.id).map((r) => ({ ...r, amountPence: pence(r.amountPence) })),
    bankAccount: account ? bankView(account) : null,
    ending: ending ? { ...ending, owedBackPence: pence(ending.owedBackPence) } : null,
  };
}

/** The group's current account, which a payment may go to only once finance has checked it. */
function checkedAccount(q: Queryable, organisationId: string): BankAccountRecord {
  const account = currentBankAccount(q, organisationId);
  if (!account) throw conflict('The group has not given its bank details yet, so nothing can be paid');
  if (!account.check) {
    throw conflict(
      'The group’s bank details are new or changed and finance has not checked them yet by calling the group back, so nothing can be paid',
    );
  }
  return account;
}

/**
 * An officer asks for a payment on an accepted grant, never more than is left of the award once
 * everything paid and on its way is counted. With an Idempotency-Key, the same request sent again
 * records nothing more and answers with the payment the first one recorded.
 */
export function requestPayment(
  ctx: ServiceContext,
  grantId: string,
  body: PaymentRequestBody,
  idempotencyKey: string | null,
): Payment {
  // Spends from the award: a second database must lock the grant row here (see unitOfWork).
  const id = unitOfWork(ctx.db, (tx) => requestPaymentIn(ctx, tx, grantId, body, idempotencyKey));
  return paymentOr404(ctx.db, id);
}

/**
 * Asks for a payment inside the caller's unit of work (an officer approving a final report asks
 * for the final payment this way, decision 0024): the same checks and audit as `requestPayment`.
 * The actor is the one who asks, so a different finance user must still approve it. Returns its id.
 */
export function requestPaymentIn(
  ctx: ServiceContext,
  tx: Queryable,
  grantId: string,
  body: PaymentRequestBody,
  idempotencyKey: string | null = null,
): string {
  const actor = requireActor(ctx.actor);
  const grant = grantOr404(tx, grantId);
  const bid = mustSeeMoney(tx, actor, grant);
  authorize(actor, { action: 'payment.request', bid });
  if (idempotencyKey !== null) {
    const earlier = paymentByKey(tx, grantId, idempotencyKey);
    if (earlier) {
      if (
        earlier.amountPence !== body.amountPence ||
        earlier.trigger !== body.trigger ||
        earlier.requestedBy !== actor.id
      ) {
        throw conflict('This Idempotency-Key was already used for a different payment request');
      }
      return earlier.id;
    }
  }
  if (grant.status !== 'in_delivery') {
    throw invalidState(
      `This grant is ${GRANT_STATUS_LABELS[grant.status].toLowerCase()}, so no payment can be asked for: payments start once the offer is accepted`,
    );
  }
  // Conditions to be met before the first payment (decision 0022); once met they stay met.
  const blockers = firstPaymentBlockers({ status: grant.status, conditions: conditionsOf(tx, grantId) });
  if (blockers.length > 0) {
    throw invalidState(`No payment can be asked for yet. ${blockers.join('. ')}.`);
  }
  const account = checkedAccount(tx, grant.organisationId);
  const refusal = paymentRefusal(body.amountPence, moneyOf(tx, grant));
  if (refusal) throw conflict(refusal, { amountPence: refusal });
  const paymentId = insertPayment(tx, {
    grantId,
    fundId: grant.fundId,
    amountPence: body.amountPence,
    trigger: body.trigger,
    status: 'requested',
    bankAccountId: account.id,
    idempotencyKey,
    requestedBy: actor.id,
    at: ctx.clock.now().toISOString(),
  });
  ctx.audit(tx, {
    action: 'payment.requested',
    entityType: 'grant',
    entityId: grantId,
    after: { paymentId, amountPence: body.amountPence, trigger: body.trigger, bankAccountId: account.id },
  });
  return paymentId;
}

/** The payments of a grant asked for against one trigger and not rejected (in flight or paid). */
export function livePaymentsFor(q: Queryable, grantId: string, trigger: InstalmentTrigger): number {
  return paymentsOfGrant(q, grantId).filter(
    (p) =>
      p.trigger === trigger &&
      p.status !== 'rejected' &&
      p.reversesPaymentId === null &&
      p.reversedByPaymentId === null,
  ).length;
}

function paymentOr404(q: Queryable, paymentId: string): Payment {
  const payment = getPayment(q, paymentId);
  if (!payment) throw notFound();
  return paymentView(payment);
}

/** The payment, its grant, and the case the access rules weigh; 404 to whoever may not see it. */
function paymentToWorkOn(q: Queryable, actor: Actor, paymentId: string) {
  const payment = getPayment(q, paymentId);
  if (!payment) throw notFound();
  const grant = grantOr404(q, payment.grantId);
  const bid = mustSeeMoney(q, actor, grant);
  return { payment, grant, bid };
}

/** The move the payment may make from where it stands, or 409 naming where it stands. */
function nextOr409(payment: PaymentRecord, action: PaymentAction) {
  const next = nextPaymentStatus(payment.status, action);
  if (!next) throw invalidState(paymentTransitionRefusal(payment.status, action));
  return next;
}

/** The account must still be the group's current one, and checked, when money moves on. */
function stillPayable(q: Queryable, payment: PaymentRecord, grant: GrantForMoney): void {
  // The final payment is asked for as the final report is approved, which completes the grant
  // (decision 0024): it goes ahead on the completed grant; nothing else does.
  const finalPaymentOfCompleted = grant.status === 'completed' && payment.trigger === 'final_report';
  if (grant.status !== 'in_delivery' && !finalPaymentOfCompleted) {
    throw invalidState(
      `This grant is ${GRANT_STATUS_LABELS[grant.status].toLowerCase()}, so its payments cannot go ahead: reject this one`,
    );
  }
  const account = checkedAccount(q, grant.organisationId);
  if (account.id !== payment.bankAccountId) {
    throw conflict(
      'The group has changed its bank details since this payment was asked for: reject it and ask again',
    );
  }
}

function moved(
  ctx: ServiceContext,
  tx: Queryable,
  payment: PaymentRecord,
  action: PaymentAction,
  changes: Parameters<typeof writePaymentMove>[3],
  reason: string | null = null,
): void {
  const next = nextOr409(payment, action);
  if (!writePaymentMove(tx, payment.id, payment.status, { ...changes, status: next })) {
    throw conflict('Someone else changed this payment first: look at it again');
  }
  ctx.audit(tx, {
    action: PAYMENT_MOVE_AUDIT[action],
    entityType: 'grant',
    entityId: payment.grantId,
    before: { paymentId: payment.id, status: payment.status },
    after: { paymentId: payment.id, status: next, amountPence: payment.amountPence, ...changes },
    reason,
  });
}

/**
 * Finance approves a payment someone else asked for, to an account they neither recorded nor
 * checked, that is still the group's current, checked account.
 */
export function approvePayment(ctx: ServiceContext, paymentId: string): Payment {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { payment, grant, bid } = paymentToWorkOn(tx, actor, paymentId);
    authorize(actor, { action: 'payment.approve', bid });
    refuseUnless(
      actor,
      {
        action: 'payment.approve',
        bid,
        payment: {
          requestedById: payment.requestedBy,
          bankRecordedById: payment.bankRecordedBy,
          bankCheckedById: payment.bankCheckedBy,
        },
      },
      payment.requestedBy === actor.id
        ? 'You asked for this payment, so someone else with the finance role must approve it'
        : 'You recorded or checked the bank details this payment goes to, so someone else with the finance role must approve it',
    );
    nextOr409(payment, 'approve');
    stillPayable(tx, payment, grant);
    const at = ctx.clock.now().toISOString();
    moved(ctx, tx, payment, 'approve', { approvedBy: actor.id, approvedAt: at });
  });
  return paymentOr404(ctx.db, paymentId);
}

/** Finance records an approved payment as paid: the date it left and the finance system's reference. */
export function recordPaid(
  ctx: ServiceContext,
  paymentId: string,
  body: { paidOn: string; paidReference: string },
): Payment {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { payment, grant, bid } = paymentToWorkOn(tx, actor, paymentId);
    authorize(actor, { action: 'payment.record', bid });
    nextOr409(payment, 'record_paid');
    if (body.paidOn > londonToday(ctx.clock.now())) {
      throw badRequest('Check the date', { paidOn: 'The date paid cannot be in the future' });
    }
    stillPayable(tx, payment, grant);
    moved(ctx, tx, payment, 'record_paid', {
      paidOn: body.paidOn,
      paidReference: body.paidReference,
      paidRecordedBy: actor.id,
      paidRecordedAt: ctx.clock.now().toISOString(),
    });
  });
  return paymentOr404(ctx.db, paymentId);
}

/** Finance turns a payment down, with a reason, before it is paid. */
export function rejectPayment(ctx: ServiceContext, paymentId: string, body: { reason: string }): Payment {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { payment, bid } = paymentToWorkOn(tx, actor, paymentId);
    authorize(actor, { action: 'payment.record', bid });
    moved(
      ctx,
      tx,
      payment,
      'reject',
      { rejectedBy: actor.id, rejectedAt: ctx.clock.now().toISOString(), rejectedReason: body.reason },
      body.reason,
    );
  });
  return paymentOr404(ctx.db, paymentId);
}

/**
 * A paid payment made in error is never changed: finance records a reversing entry, the negative
 * of it, pointing at it, so the ledger keeps both (rule 6). Answers the reversing entry.
 */
export function reversePayment(
  ctx: ServiceContext,
  paymentId: string,
  body: { reason: string; reversedOn: string; paidReference: string },
): Payment {
  const actor = requireActor(ctx.actor);
  const id = unitOfWork(ctx.db, (tx) => {
    const { payment, bid } = paymentToWorkOn(tx, actor, paymentId);
    authorize(actor, { action: 'payment.record', bid });
    if (payment.status !== 'paid' || payment.amountPence <= 0) {
      throw invalidState(
        payment.reversesPaymentId
          ? 'This is a reversing entry already: it cannot be reversed'
          : `This payment is not paid (${PAYMENT_STATUS_LABELS[payment.status].toLowerCase()}), so there is nothing to reverse`,
      );
    }
    if (payment.reversedByPaymentId) throw invalidState('This payment has been reversed already');
    if (body.reversedOn > londonToday(ctx.clock.now())) {
      throw badRequest('Check the date', { reversedOn: 'The date cannot be in the future' });
    }
    const grant = grantOr404(tx, payment.grantId);
    const sums = grantSums(tx, grant.id);
    if (sums.paidBackPence > sums.paidPence - payment.amountPence) {
      throw conflict(
        'Money the group paid back counts against this payment: it cannot be reversed while that money stands',
      );
    }
    const reversalId = insertPayment(tx, {
      grantId: payment.grantId,
      fundId: payment.fundId,
      amountPence: -payment.amountPence,
      trigger: payment.trigger,
      status: 'paid',
      bankAccountId: payment.bankAccountId,
      idempotencyKey: null,
      requestedBy: actor.id,
      at: ctx.clock.now().toISOString(),
      reversesPaymentId: payment.id,
      reversalReason: body.reason,
      paidOn: body.reversedOn,
      paidReference: body.paidReference,
    });
    if (grant.status === 'ended_early') {
      // The grant's unpaid money went back to the pot when it ended; what this reversal un-pays
      // follows it, so committed stays what was really paid.
      insertReturn(tx, {
        grantId: grant.id,
        fundId: grant.fundId,
        kind: 'released',
        amountPence: payment.amountPence,
        reason: `Not paid after all: a payment was reversed after the grant ended early. ${body.reason}`,
        receivedOn: null,
        receiptReference: null,
        recordedBy: actor.id,
        at: ctx.clock.now().toISOString(),
      });
    }
    ctx.audit(tx, {
      action: 'payment.reversed',
      entityType: 'grant',
      entityId: payment.grantId,
      after: { paymentId: payment.id, reversalId, amountPence: payment.amountPence },
      reason: body.reason,
    });
    return reversalId;
  });
  return paymentOr404(ctx.db, id);
}

/** Payments waiting for a finance user's approval, with who asked: finance. */
export function paymentsToApprove(ctx: ServiceContext): Payment[] {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'payment.approve' });
  return paymentsWaiting(ctx.db)
    .filter((p) =>
      can(actor, {
        action: 'finance.ledger',
        bid: { organisationId: p.organisationId, fundId: p.fundId, conflictedUserIds: [] },
      }),
    )
    .map(paymentView);
}

// ─── Money coming back, and ending early ─────────────────────────────────────────────────────

/**
 * Money the group paid back (unspent, recovered), with the council's receipt: never more than was
 * paid less what came back before. It goes back to the pot.
 */
export function recordReturn(ctx: ServiceContext, grantId: string, body: MoneyReturnBody): GrantMoneyView {
  const actor = requireActor(ctx.actor);
  // Gives back to the pot: a second database must lock the fund row here (see unitOfWork).
  unitOfWork(ctx.db, (tx) => {
    const grant = grantOr404(tx, grantId);
    const bid = mustSeeMoney(tx, actor, grant);
    authorize(actor, { action: 'payment.return', bid });
    if (grant.status === 'offered' || grant.status === 'declined') {
      throw invalidState(
        `This grant is ${GRANT_STATUS_LABELS[grant.status].toLowerCase()}, so nothing has been paid that could come back`,
      );
    }
    if (body.receivedOn > londonToday(ctx.clock.now())) {
      throw badRequest('Check the date', { receivedOn: 'The date received cannot be in the future' });
    }
    const refusal = returnRefusal(body.amountPence, moneyOf(tx, grant));
    if (refusal) throw conflict(refusal, { amountPence: refusal });
    insertReturn(tx, {
      grantId,
      fundId: grant.fundId,
      kind: 'returned',
      amountPence: body.amountPence,
      reason: body.reason,
      receivedOn: body.receivedOn,
      receiptReference: body.receiptReference,
      recordedBy: actor.id,
      at: ctx.clock.now().toISOString(),
    });
    ctx.audit(tx, {
      action: 'grant.money_returned',
      entityType: 'grant',
      entityId: grantId,
      after: {
        amountPence: body.amountPence,
        receivedOn: body.receivedOn,
        receiptReference: body.receiptReference,
      },
      reason: body.reason,
    });
  });
  return grantMoney(ctx, grantId);
}

/**
 * An officer ends a grant early (PRODUCT.md section 3): the grant moves to ended_early, what was
 * never paid goes back to the pot at once, and what the group still owes back is recorded.
 * Payments on their way must be paid or rejected first.
 */
export function endGrantEarly(ctx: ServiceContext, grantId: string, body: EndEarlyBody): GrantMoneyView {
  const actor = requireActor(ctx.actor);
  // Gives back to the pot: a second database must lock the fund row here (see unitOfWork).
  unitOfWork(ctx.db, (tx) => {
    const grant = grantOr404(tx, grantId);
    const bid = mustSeeMoney(tx, actor, grant);
    authorize(actor, { action: 'payment.request', bid });
    const row = getGrantRow(tx, grantId);
    if (!row) throw notFound();
    const money = moneyOf(tx, grant);
    if (money.inFlightPence > 0 && (grant.status === 'in_delivery' || grant.status === 'offered')) {
      throw conflict('Payments on this grant are waiting: pay or reject them before ending it early');
    }
    const owedMost = money.paidPence - money.returnedPence;
    if (body.owedBackPence > owedMost) {
      throw badRequest('Check what is owed back', {
        owedBackPence: `What is owed back cannot be more than the ${formatPence(Math.max(0, owedMost))} paid and not yet returned`,
      });
    }
    moveGrant(ctx, tx, row, 'end_early', { reason: body.reason });
    const at = ctx.clock.now().toISOString();
    const neverPaid = grant.awardPence - money.paidPence;
    if (neverPaid > 0) {
      insertReturn(tx, {
        grantId,
        fundId: grant.fundId,
        kind: 'released',
        amountPence: neverPaid,
        reason: `Not paid: the grant ended early. ${body.reason}`,
        receivedOn: null,
        receiptReference: null,
        recordedBy: actor.id,
        at,
      });
    }
    insertEnding(tx, {
      grantId,
      reason: body.reason,
      owedBackPence: body.owedBackPence,
      endedBy: actor.id,
      at,
    });
  });
  return grantMoney(ctx, grantId);
}

// ─── The fund's ledger ───────────────────────────────────────────────────────────────────────

function fundOr404(ctx: ServiceContext, fundId: string) {
  const fund = fundCodes(ctx.db, fundId);
  if (!fund) throw notFound();
  return fund;
}

/** A fund's payments, filtered by status and dates: finance and officers. */
export function fundPayments(ctx: ServiceContext, fundId: string, query: LedgerQuery): Payment[] {
  const fund = fundOr404(ctx, fundId);
  authorize(ctx.actor, { action: 'finance.ledger', fund });
  return paymentsOfFund(ctx.db, fundId, query).map(paymentView);
}

/** The fund's grants with where each one's money stands: where payments start (finance and officers). */
export function fundGrantsMoney(ctx: ServiceContext, fundId: string): FundGrantMoney[] {
  const fund = fundOr404(ctx, fundId);
  authorize(ctx.actor, { action: 'finance.ledger', fund });
  return grantsOfFund(ctx.db, fundId).map((g) => ({
    ...g,
    awardPence: pence(g.awardPence),
    paidPence: pence(Number(g.paidPence)),
    inFlightPence: pence(Number(g.inFlightPence)),
    returnedPence: pence(Number(g.returnedPence)),
  }));
}

export const PAYMENTS_CSV_HEADER = [
  'Date',
  'Payee',
  'Amount',
  'Reference',
  'Cost centre',
  'Account code',
  'Finance system reference',
] as const;

/**
 * The ledger for the council's finance system: every paid entry (reversals as negatives), by date,
 * with the fund's cost centre and account code. Its amounts add up to the budget's paid figure.
 */
export function paymentsCsv(
  ctx: ServiceContext,
  fundId: string,
  query: Pick<LedgerQuery, 'from' | 'to'>,
): { filename: string; stream: Readable } {
  const fund = fundOr404(ctx, fundId);
  authorize(ctx.actor, { action: 'finance.ledger', fund });
  const rows = paymentsOfFund(ctx.db, fundId, { ...query, status: 'paid' }).map((p) => [
    p.paidOn ?? '',
    p.accountName,
    decimalCell(penceAsDecimal(p.amountPence)),
    p.bidReference ?? p.grantId,
    fund.costCentre,
    fund.accountCode,
    p.paidReference ?? '',
  ]);
  return {
    filename: `${fund.code}-payments.csv`,
    stream: Readable.from(csvChunks([[...PAYMENTS_CSV_HEADER], ...rows])),
  };
}
