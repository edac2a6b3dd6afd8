import { GRANT_STATUS_LABELS, PAYMENT_STATUS_LABELS, PaymentStatus } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, BackLink, Table } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Select, TextInput } from '../../../components/ui/form';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import {
  filtersOf,
  fundGrantsMoneyQueryOptions,
  ledgerQueryOptions,
  ledgerSearch,
} from '../../../features/payments/api/payments';
import { formatDate, formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'finance.ledger' });
  const fundId = params.fundId ?? '';
  const { query } = filtersOf(new URL(request.url).searchParams);
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(ledgerQueryOptions(fundId, query)),
    queryClient.ensureQueryData(fundGrantsMoneyQueryOptions(fundId)),
  ]);
  return null;
}

interface FilterForm {
  status: string;
  from: string;
  to: string;
}

/** The fund's payments ledger (finance and officers), filtered by status and dates, with the CSV. */
export function Component() {
  const { fundId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { query, problems } = filtersOf(params);
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data } = useSuspenseQuery(ledgerQueryOptions(fundId, query));
  const { data: grants } = useSuspenseQuery(fundGrantsMoneyQueryOptions(fundId));
  const form = useForm<FilterForm>({
    values: { status: query.status ?? '', from: query.from ?? '', to: query.to ?? '' },
  });
  const onSubmit = form.handleSubmit((values) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
    setParams(next);
  });
  const paidTotal = data.payments
    .filter((p) => p.status === 'paid')
    .reduce((sum, p) => sum + p.amountPence, 0);
  const csvQuery = ledgerSearch({
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  });
  return (
    <Page
      title={`${fund.name}: grants and payments`}
      wide
      before={<BackLink to={`/funds/${fund.id}/budget`}>Back to the budget</BackLink>}
    >
      <ErrorSummary errors={problems.map((text) => ({ text }))} />
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Grants and payments</h1>
      {grants.grants.length > 0 && (
        <Table
          caption="Grants"
          rowKey={(g) => g.grantId}
          rows={grants.grants}
          columns={[
            {
              header: 'Grant',
              cell: (g) => (
                <AppLink to={`/grants/${g.grantId}/payments`}>
                  {g.bidReference ?? 'Grant'}: {g.organisationName}
                </AppLink>
              ),
            },
            { header: 'Status', cell: (g) => GRANT_STATUS_LABELS[g.status] },
            { header: 'Awarded', cell: (g) => formatPence(g.awardPence), numeric: true },
            { header: 'Paid', cell: (g) => formatPence(g.paidPence), numeric: true },
            { header: 'Waiting', cell: (g) => formatPence(g.inFlightPence), numeric: true },
            { header: 'Returned', cell: (g) => formatPence(g.returnedPence), numeric: true },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Payments</h2>
      <form onSubmit={onSubmit} noValidate className="app-filters">
        <Select
          id="status"
          label="Status"
          options={[
            { value: '', text: 'Any status' },
            ...PaymentStatus.options.map((s) => ({ value: s, text: PAYMENT_STATUS_LABELS[s] })),
          ]}
          {...form.register('status')}
        />
        <TextInput
          id="from"
          label="From"
          hint="For example, 2019-07-01"
          type="date"
          width="10"
          {...form.register('from')}
        />
        <TextInput
          id="to"
          label="To"
          hint="For example, 2019-07-31"
          type="date"
          width="10"
          {...form.register('to')}
        />
        <Button variant="secondary">Filter payments</Button>
      </form>
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/funds/${fund.id}/payments.csv${csvQuery}`} download>
          Download the paid entries for the finance system (CSV)
        </a>
      </p>
      {data.payments.length === 0 ? (
        <p className="govuk-body">No payments match.</p>
      ) : (
        <>
          <Table
            caption={`${data.payments.length} ${data.payments.length === 1 ? 'payment' : 'payments'}`}
            rowKey={(p) => p.id}
            rows={data.payments}
            columns={[
              {
                header: 'Grant',
                cell: (p) => (
                  <AppLink to={`/grants/${p.grantId}/payments`}>
                    {p.bidReference ?? 'Grant'}: {p.organisationName}
                  </AppLink>
                ),
              },
              { header: 'Amount', cell: (p) => formatPence(p.amountPence), numeric: true },
              {
                header: 'Status',
                cell: (p) => (p.reversesPaymentId ? 'Reversal' : PAYMENT_STATUS_LABELS[p.status]),
              },
              { header: 'Date', cell: (p) => formatDate(p.paidOn ?? p.requestedAt.slice(0, 10)) },
              { header: 'Asked for by', cell: (p) => p.requestedByName },
              { header: 'Reference', cell: (p) => p.paidReference ?? '' },
            ]}
          />
          <p className="govuk-body">Paid in this list, less reversals: {formatPence(paidTotal)}</p>
        </>
      )}
    </Page>
  );
}
