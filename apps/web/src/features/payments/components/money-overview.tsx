import type { Fund } from '@cf/shared';
import { useQueries, useQuery } from '@tanstack/react-query';
import { AppLink, Table } from '../../../components/ui/content';
import { formatPence, plural } from '../../../lib/format';
import { fundBudgetQueryOptions } from '../../funds/api/funds';
import { bankToCheckQueryOptions, paymentsWaitingQueryOptions } from '../api/payments';

/**
 * Each fund's money at a glance (finance and officers): the pot, committed, paid, returned,
 * available and asked for by bids waiting for a decision, each fund linking to its budget page
 * (by priority, by ward, month by month). The figures are the budget endpoint's, fund by fund.
 */
export function FundsMoneyTable({ funds }: { funds: readonly Fund[] }) {
  const budgets = useQueries({ queries: funds.map((fund) => fundBudgetQueryOptions(fund.id)) });
  const rows = funds.flatMap((fund, index) => {
    const budget = budgets[index]?.data;
    return budget ? [{ fund, budget }] : [];
  });
  if (rows.length === 0) return <p className="govuk-body">Loading the funds’ figures…</p>;
  return (
    <Table
      caption="Each fund’s money"
      captionSize="s"
      rowKey={(row) => row.fund.id}
      rows={rows}
      columns={[
        {
          header: 'Fund',
          cell: ({ fund }) => (
            <AppLink to={`/funds/${fund.id}/budget`}>
              {fund.name}
              <span className="govuk-visually-hidden"> budget</span>
            </AppLink>
          ),
        },
        { header: 'Pot', cell: ({ budget }) => formatPence(budget.potPence), numeric: true },
        { header: 'Committed', cell: ({ budget }) => formatPence(budget.committedPence), numeric: true },
        { header: 'Paid', cell: ({ budget }) => formatPence(budget.paidPence), numeric: true },
        { header: 'Returned', cell: ({ budget }) => formatPence(budget.returnedPence), numeric: true },
        { header: 'Available', cell: ({ budget }) => formatPence(budget.availablePence), numeric: true },
        { header: 'Bids waiting', cell: ({ budget }) => formatPence(budget.pipelinePence), numeric: true },
      ]}
    />
  );
}

/** What is waiting for finance: payments to approve (with who asked, on the list) and bank details to check. */
export function FinanceWaiting() {
  const { data: waiting } = useQuery(paymentsWaitingQueryOptions());
  const { data: toCheck } = useQuery(bankToCheckQueryOptions());
  const payments = waiting?.payments.length ?? 0;
  const accounts = toCheck?.accounts.length ?? 0;
  return (
    <ul className="govuk-list">
      <li>
        {payments === 0 ? (
          'No payments are waiting for approval.'
        ) : (
          <AppLink to="/finance/payments">{plural(payments, 'payment')} waiting for approval</AppLink>
        )}
      </li>
      <li>
        {accounts === 0 ? (
          'No bank details are waiting for a check.'
        ) : (
          <AppLink to="/finance/bank-accounts">
            {accounts === 1 ? 'One group’s' : `${accounts} groups’`} bank details waiting for a call-back
            check
          </AppLink>
        )}
      </li>
    </ul>
  );
}
