import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Page } from '../../../components/layout/page';
import { ButtonLink } from '../../../components/ui/button';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { FundSummaryCard } from '../../../features/funds/components/fund-summary';
import { can } from '../../../lib/authorization';
import { queryClient } from '../../../lib/query-client';

export async function loader() {
  await queryClient.ensureQueryData(fundsQueryOptions());
  return null;
}

export function Component() {
  const { data } = useSuspenseQuery(fundsQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  return (
    <Page title="Funds">
      <h1 className="govuk-heading-l">Funds</h1>
      {can(me, { action: 'fund.manage' }) && <ButtonLink to="/funds/new">Set up a fund</ButtonLink>}
      {data.funds.length === 0 ? (
        <p className="govuk-body">There are no funds yet.</p>
      ) : (
        data.funds.map((fund) => <FundSummaryCard key={fund.id} fund={fund} />)
      )}
    </Page>
  );
}
