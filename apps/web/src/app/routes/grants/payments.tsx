import {
  GRANT_STATUS_LABELS,
  INSTALMENT_TRIGGER_LABELS,
  MONEY_RETURN_KIND_LABELS,
  PAYMENT_STATUS_LABELS,
  type Payment,
  type PaymentStatus,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import {
  AppLink,
  BackLink,
  Details,
  InsetText,
  SummaryList,
  Table,
  Tag,
  type TagColour,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import { grantMoneyQueryOptions, usePaymentMove } from '../../../features/payments/api/payments';
import { BankSummary } from '../../../features/payments/components/bank-summary';
import {
  EndEarlyForm,
  RecordPaidForm,
  RecordReturnForm,
  RejectPaymentForm,
  RequestPaymentForm,
  ReversePaymentForm,
} from '../../../features/payments/components/money-forms';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { formatDate, formatDateTime, formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'finance.ledger' });
  await queryClient.ensureQueryData(grantMoneyQueryOptions(params.grantId ?? ''));
  return null;
}

const STATUS_COLOURS: Record<PaymentStatus, TagColour> = {
  requested: 'yellow',
  approved: 'blue',
  paid: 'green',
  rejected: 'red',
};

type Acting = { paymentId: string; move: 'reject' | 'paid' | 'reverse' } | null;

/**
 * A grant's money (officers and finance): where it stands, its payments and what came back. An
 * officer asks for payments; someone else with the finance role approves them, records them paid,
 * rejects or reverses them; money returned is recorded here.
 */
export function Component() {
  const { grantId = '' } = useParams();
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const { data } = useSuspenseQuery(grantMoneyQueryOptions(grantId));
  const move = usePaymentMove();
  const [acting, setActing] = useState<Acting>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { grant, money } = data;
  const bid = { organisationId: grant.organisationId, fundId: grant.fundId, conflictedUserIds: [] };
  const mayRequest = can(me, { action: 'payment.request', bid }) && grant.status === 'in_delivery';
  const mayRecord = can(me, { action: 'payment.record', bid });
  const mayReturn =
    can(me, { action: 'payment.return', bid }) && !['offered', 'declined'].includes(grant.status);
  const mayEnd =
    can(me, { action: 'payment.request', bid }) && ['offered', 'in_delivery'].includes(grant.status);
  const mayApprove = (p: Payment) =>
    can(me, {
      action: 'payment.approve',
      bid,
      payment: {
        requestedById: p.requestedById,
        bankRecordedById: p.bankRecordedById,
        bankCheckedById: p.bankCheckedById,
      },
    });

  const approve = async (paymentId: string) => {
    setRefusal(null);
    try {
      await move.mutateAsync({ paymentId, move: 'approve' });
    } catch (error) {
      setRefusal(isApiError(error) ? error.message : 'Sorry, something went wrong. Try again.');
    }
  };

  const actions = (p: Payment) => {
    const buttons = [];
    if (p.status === 'requested' && mayApprove(p)) {
      buttons.push(
        <Button
          key="approve"
          className="govuk-!-margin-bottom-1"
          onClick={() => void approve(p.id)}
          disabled={move.isPending}
        >
          Approve<span className="govuk-visually-hidden"> the payment of {formatPence(p.amountPence)}</span>
        </Button>,
      );
    }
    if (p.status === 'requested' && !mayApprove(p) && mayRecord) {
      buttons.push(
        <p key="why" className="govuk-body-s">
          Someone else with the finance role must approve this
        </p>,
      );
    }
    if (p.status === 'approved' && mayRecord) {
      buttons.push(
        <Button
          key="paid"
          variant="secondary"
          className="govuk-!-margin-bottom-1"
          onClick={() => setActing({ paymentId: p.id, move: 'paid' })}
        >
          Record as paid<span className="govuk-visually-hidden">: {formatPence(p.amountPence)}</span>
        </Button>,
      );
    }
    if ((p.status === 'requested' || p.status === 'approved') && mayRecord) {
      buttons.push(
        <Button
          key="reject"
          variant="warning"
          className="govuk-!-margin-bottom-1"
          onClick={() => setActing({ paymentId: p.id, move: 'reject' })}
        >
          Reject<span className="govuk-visually-hidden"> the payment of {formatPence(p.amountPence)}</span>
        </Button>,
      );
    }
    if (p.status === 'paid' && p.amountPence > 0 && !p.reversedByPaymentId && mayRecord) {
      buttons.push(
        <Button
          key="reverse"
          variant="warning"
          className="govuk-!-margin-bottom-1"
          onClick={() => setActing({ paymentId: p.id, move: 'reverse' })}
        >
          Reverse<span className="govuk-visually-hidden"> the payment of {formatPence(p.amountPence)}</span>
        </Button>,
      );
    }
    return buttons.length > 0 ? <div>{buttons}</div> : null;
  };

  const done = () => setActing(null);
  const title = `Payments: ${grant.bidReference ?? grant.bidTitle ?? 'grant'}`;
  return (
    <Page
      title={title}
      wide
      before={<BackLink to={`/funds/${grant.fundId}/payments`}>Back to the fund’s payments</BackLink>}
    >
      {refusal && <ErrorSummary errors={[{ text: refusal }]} />}
      <span className="govuk-caption-l">
        {grant.bidReference}: {grant.organisationName}
      </span>
      <h1 className="govuk-heading-l">Payments</h1>
      <SummaryList
        rows={[
          {
            key: 'Project',
            value: <AppLink to={`/bids/${grant.bidId}`}>{grant.bidTitle ?? 'The bid'}</AppLink>,
          },
          { key: 'Fund', value: grant.fundName },
          { key: 'Grant', value: GRANT_STATUS_LABELS[grant.status] },
          { key: 'Awarded', value: formatPence(money.awardPence) },
          { key: 'Paid', value: formatPence(money.paidPence) },
          { key: 'Waiting to be paid', value: formatPence(money.inFlightPence) },
          { key: 'Returned to the pot', value: formatPence(money.returnedPence) },
          { key: 'Left to ask for', value: formatPence(money.unpaidPence) },
        ]}
      />
      {data.ending && (
        <InsetText>
          Ended early by {data.ending.endedByName} on {formatDateTime(data.ending.endedAt)}:{' '}
          {data.ending.reason}. The group owes back {formatPence(data.ending.owedBackPence)}.
        </InsetText>
      )}
      <h2 className="govuk-heading-m">Bank details</h2>
      {data.bankAccount ? (
        <>
          <BankSummary account={data.bankAccount} />
          {!data.bankAccount.check && can(me, { action: 'bank.verify' }) && (
            <p className="govuk-body">
              <AppLink to={`/finance/bank-accounts/${data.bankAccount.id}`}>Check these bank details</AppLink>
            </p>
          )}
        </>
      ) : (
        <p className="govuk-body">The group has not given its bank details yet, so nothing can be paid.</p>
      )}
      {data.payments.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">Payments</h2>
          <p className="govuk-body">No payments have been asked for yet.</p>
        </>
      ) : (
        <Table
          caption="Payments"
          rowKey={(p) => p.id}
          rows={data.payments}
          columns={[
            { header: 'Amount', cell: (p) => formatPence(p.amountPence), numeric: true },
            {
              header: 'For',
              cell: (p) =>
                p.reversesPaymentId
                  ? `Reversal: ${p.reversalReason ?? ''}`
                  : INSTALMENT_TRIGGER_LABELS[p.trigger],
            },
            {
              header: 'Status',
              cell: (p) => <Tag colour={STATUS_COLOURS[p.status]}>{PAYMENT_STATUS_LABELS[p.status]}</Tag>,
            },
            { header: 'Asked for by', cell: (p) => `${p.requestedByName}, ${formatDateTime(p.requestedAt)}` },
            {
              header: 'Approved or rejected',
              cell: (p) =>
                p.approvedByName
                  ? `Approved by ${p.approvedByName}`
                  : p.rejectedByName
                    ? `Rejected by ${p.rejectedByName}: ${p.rejectedReason ?? ''}`
                    : '',
            },
            {
              header: 'Paid',
              cell: (p) => (p.paidOn ? `${formatDate(p.paidOn)} (${p.paidReference ?? ''})` : ''),
            },
            { header: <span className="govuk-visually-hidden">Actions</span>, label: '', cell: actions },
          ]}
        />
      )}
      {acting?.move === 'reject' && <RejectPaymentForm paymentId={acting.paymentId} onDone={done} />}
      {acting?.move === 'paid' && <RecordPaidForm paymentId={acting.paymentId} onDone={done} />}
      {acting?.move === 'reverse' && <ReversePaymentForm paymentId={acting.paymentId} onDone={done} />}
      {mayRequest && <RequestPaymentForm grantId={grant.id} leftPence={money.unpaidPence} />}
      {data.returns.length > 0 && (
        <Table
          caption="Money back to the pot"
          rowKey={(r) => r.id}
          rows={data.returns}
          columns={[
            { header: 'Amount', cell: (r) => formatPence(r.amountPence), numeric: true },
            { header: 'What', cell: (r) => MONEY_RETURN_KIND_LABELS[r.kind] },
            { header: 'Why', cell: (r) => r.reason },
            {
              header: 'Received',
              cell: (r) => (r.receivedOn ? `${formatDate(r.receivedOn)} (${r.receiptReference ?? ''})` : ''),
            },
          ]}
        />
      )}
      {mayReturn && (
        <Details summary="Record money the group returned">
          <RecordReturnForm grantId={grant.id} />
        </Details>
      )}
      {mayEnd && (
        <Details summary="End the grant early">
          <EndEarlyForm grantId={grant.id} />
        </Details>
      )}
    </Page>
  );
}
