import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, SummaryList, Table } from '../../../components/ui/content';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundBudgetQueryOptions, fundQueryOptions } from '../../../features/funds/api/funds';
import { can } from '../../../lib/authorization';
import { formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'fund.budget' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundBudgetQueryOptions(fundId)),
  ]);
  return null;
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
      {can(me, { action: 'finance.ledger', fund }) && (
        <p className="govuk-body">
          <AppLink to={`/funds/${fund.id}/payments`}>Grants and payments</AppLink>
        </p>
      )}
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
      )}
    </Page>
  );
}
