import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { BarChart, type BarSeries } from '../../../components/ui/bar-chart';
import { AppLink, BackLink, SummaryList, Table } from '../../../components/ui/content';
import { meQueryOptions } from '../../../features/auth/api/me';
import {
  fundBudgetQueryOptions,
  fundMonthsQueryOptions,
  fundQueryOptions,
} from '../../../features/funds/api/funds';
import { can } from '../../../lib/authorization';
import { formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

/** The financial year asked for in the address (`?year=2026`), if it is one. */
function yearOf(search: URLSearchParams): number | undefined {
  const year = Number(search.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'fund.budget' });
  const fundId = params.fundId ?? '';
  const year = yearOf(new URL(request.url).searchParams);
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundBudgetQueryOptions(fundId)),
    queryClient.ensureQueryData(fundMonthsQueryOptions(fundId, year)),
  ]);
  return null;
}

const COMMITTED_PAID: BarSeries[] = [
  { name: 'Committed', className: 'app-bar--a' },
  { name: 'Paid', className: 'app-bar--b' },
];
const COMMITTED: BarSeries[] = [{ name: 'Committed', className: 'app-bar--a' }];

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "2026-04" as "April 2026". */
function monthLabel(month: string): string {
  return monthName.format(new Date(`${month}-01T12:00:00Z`));
}

/** Committed and paid month by month across one financial year, a chart and its table. */
function MonthByMonth({ fundId }: { fundId: string }) {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(fundMonthsQueryOptions(fundId, yearOf(search)));
  const rows = data.months.map((m) => ({
    key: m.month,
    label: monthLabel(m.month),
    values: [m.committedPence, m.paidPence],
  }));
  return (
    <>
      <h2 className="govuk-heading-m">Month by month, {data.label}</h2>
      <p className="govuk-body">
        Committed is awards made less money back to the pot; paid is money paid less reversals.{' '}
        <AppLink to={`?year=${data.financialYear - 1}`}>
          Financial year {data.financialYear - 1}/{String(data.financialYear % 100).padStart(2, '0')}
        </AppLink>
        {' · '}
        <AppLink to={`?year=${data.financialYear + 1}`}>
          Financial year {data.financialYear + 1}/{String((data.financialYear + 2) % 100).padStart(2, '0')}
        </AppLink>
      </p>
      <BarChart title={`Committed and paid, ${data.label}`} series={COMMITTED_PAID} rows={rows} />
      <Table
        caption={`Committed and paid, month by month, ${data.label}`}
        captionSize="s"
        rowKey={(m) => m.month}
        rows={data.months}
        columns={[
          { header: 'Month', cell: (m) => monthLabel(m.month) },
          { header: 'Committed', cell: (m) => formatPence(m.committedPence), numeric: true },
          { header: 'Paid', cell: (m) => formatPence(m.paidPence), numeric: true },
        ]}
      />
    </>
  );
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: budget } = useSuspenseQuery(fundBudgetQueryOptions(fundId));
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const money = (pence: number) => formatPence(pence);
  return (
    <Page title={`${fund.name} budget`} wide before={<BackLink to={`/funds/${fund.id}`}>Back</BackLink>}>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Budget</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="app-figure">{formatPence(budget.committedPence)}</span>
            committed to {plural(budget.awardsCount, 'group')}
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="app-figure">{formatPence(budget.availablePence)}</span>
            left to award
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="app-figure">{formatPence(budget.potPence)}</span>
            in the fund
          </p>
        </div>
      </div>
      <p className="govuk-body">
        {can(me, { action: 'finance.ledger', fund }) && (
          <>
            <AppLink to={`/funds/${fund.id}/payments`}>Grants and payments</AppLink>
            {' · '}
          </>
        )}
        <AppLink to={`/funds/${fund.id}/outcomes`}>Outcomes</AppLink>
      </p>
      <SummaryList
        rows={[
          { key: 'Fund (pot)', value: money(budget.potPence) },
          { key: 'Committed (awards less money returned)', value: money(budget.committedPence) },
          { key: 'Paid to groups', value: money(budget.paidPence) },
          { key: 'Returned unspent', value: money(budget.returnedPence) },
          { key: 'Available to award', value: money(budget.availablePence) },
          { key: 'Asked for by bids waiting for a decision', value: money(budget.pipelinePence) },
          { key: 'Largest grant (cap)', value: money(budget.capPence) },
        ]}
      />
      <BarChart
        title="Committed by priority"
        series={COMMITTED}
        rows={budget.byPriority.map((row) => ({
          key: row.id,
          label: row.name,
          values: [row.committedPence],
        }))}
      />
      <Table
        caption="Committed by priority"
        rowKey={(row) => row.id}
        rows={budget.byPriority}
        columns={[
          { header: 'Priority', cell: (row) => row.name },
          { header: 'Grants', cell: (row) => row.awardsCount, numeric: true },
          { header: 'Committed', cell: (row) => money(row.committedPence), numeric: true },
        ]}
      />
      {budget.byWard.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">Committed by ward</h2>
          <p className="govuk-body">No grants have been awarded yet.</p>
        </>
      ) : (
        <>
          <BarChart
            title="Committed by ward"
            series={COMMITTED}
            rows={budget.byWard.map((row) => ({
              key: row.id,
              label: row.name,
              values: [row.committedPence],
            }))}
          />
          <Table
            caption="Committed by ward"
            rowKey={(row) => row.id}
            rows={budget.byWard}
            columns={[
              { header: 'Ward', cell: (row) => row.name },
              { header: 'Grants', cell: (row) => row.awardsCount, numeric: true },
              { header: 'Committed', cell: (row) => money(row.committedPence), numeric: true },
            ]}
          />
        </>
      )}
      <MonthByMonth fundId={fund.id} />
    </Page>
  );
}
