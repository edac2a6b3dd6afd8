import { useSuspenseQuery } from '@tanstack/react-query';
import { Page } from '../../../components/layout/page';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { FundSummaryCard } from '../../../features/funds/components/fund-summary';
import { queryClient } from '../../../lib/query-client';

export async function loader() {
  await queryClient.ensureQueryData(fundsQueryOptions());
  return null;
}

export function Component() {
  const { data } = useSuspenseQuery(fundsQueryOptions());
  return (
    <Page title="Funds">
      <h1 className="govuk-heading-l">Funds</h1>
      {data.funds.length === 0 ? (
        <p className="govuk-body">There are no funds yet.</p>
      ) : (
        data.funds.map((fund) => <FundSummaryCard key={fund.id} fund={fund} />)
      )}
    </Page>
  );
}
