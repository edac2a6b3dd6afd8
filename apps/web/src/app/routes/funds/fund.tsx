import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { ButtonLink } from '../../../components/ui/button';
import { AppLink, BackLink, SummaryList, Table, Tag } from '../../../components/ui/content';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { FUND_STATUS } from '../../../features/funds/components/fund-summary';
import { can } from '../../../lib/authorization';
import { formatDate, formatDateTime, formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';

export async function loader({ params }: LoaderFunctionArgs) {
  await queryClient.ensureQueryData(fundQueryOptions(params.fundId ?? ''));
  return null;
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: me } = useQuery(meQueryOptions());
  return (
    <Page title={fund.name} before={<BackLink to="/funds">All funds</BackLink>}>
      <h1 className="govuk-heading-l">{fund.name}</h1>
      <p className="govuk-body-l">{fund.description}</p>
      <SummaryList
        rows={[
          {
            key: 'Status',
            value: <Tag colour={FUND_STATUS[fund.status].colour}>{FUND_STATUS[fund.status].text}</Tag>,
          },
          { key: 'Grants of up to', value: formatPence(fund.capPence) },
          { key: 'Total to award', value: formatPence(fund.potPence) },
          { key: 'Bids open at', value: formatDateTime(fund.opensAt) },
          { key: 'Bids close at', value: formatDateTime(fund.closesAt) },
          {
            key: 'Projects must run between',
            value: `${formatDate(fund.deliveryStartsOn)} and ${formatDate(fund.deliveryEndsOn)}`,
          },
          { key: 'Priorities', value: fund.priorities.map((p) => p.name).join(', ') },
          ...((can(me, { action: 'assessment.manage', fund }) ||
            can(me, { action: 'assessment.score', fund })) &&
          fund.scoresDueOn
            ? [{ key: 'Assessors’ scores due by', value: formatDate(fund.scoresDueOn) }]
            : []),
        ]}
      />
      {fund.status === 'open' && (!me || can(me, { action: 'bid.apply' })) && (
        <ButtonLink
          to={
            me ? `/funds/${fund.id}/apply` : `/register?next=${encodeURIComponent(`/funds/${fund.id}/apply`)}`
          }
          variant="start"
        >
          Start a bid
        </ButtonLink>
      )}
      <h2 className="govuk-heading-m">How bids are scored</h2>
      <p className="govuk-body">
        At least {fund.minAssessors} panel members score each bid from 0 to 5 on each of these points. The
        weights show how much each point counts towards a total out of 100.
      </p>
      <Table
        caption="Scoring criteria"
        captionSize="s"
        rowKey={(c) => c.id}
        rows={fund.criteria}
        columns={[
          {
            header: 'What we look for',
            cell: (c) => (
              <>
                <strong>{c.title}</strong>
                <br />
                <span className="app-muted">{c.description}</span>
              </>
            ),
          },
          { header: 'Weight', cell: (c) => `${c.weight}%`, numeric: true },
        ]}
      />
      {can(me, { action: 'fund.budget', fund }) && (
        <>
          <h2 className="govuk-heading-m">Running the fund</h2>
          <ul className="govuk-list">
            <li>
              <AppLink to={`/funds/${fund.id}/budget`}>Budget</AppLink>
            </li>
            <li>
              <AppLink to={`/funds/${fund.id}/outcomes`}>Outcomes: promised against achieved</AppLink>
            </li>
            {can(me, { action: 'bid.screen' }) && (
              <li>
                <AppLink to={`/bids?status=submitted`}>Bids waiting to be checked</AppLink>
              </li>
            )}
            {can(me, { action: 'assessment.manage', fund }) && (
              <li>
                <AppLink to={`/funds/${fund.id}/assessment`}>Assessment: give bids to assessors</AppLink>
              </li>
            )}
            {can(me, { action: 'results.read', fund }) && (
              <li>
                <AppLink to={`/funds/${fund.id}/results`}>Results and moderation</AppLink>
              </li>
            )}
            {can(me, { action: 'panel.decide', fund }) && (
              <li>
                <AppLink to={`/funds/${fund.id}/panel`}>Panel decisions</AppLink>
              </li>
            )}
            {can(me, { action: 'opendata.check', fund }) && (
              <li>
                <AppLink to={`/funds/${fund.id}/open-data`}>
                  Open data: 360Giving and Transparency Code
                </AppLink>
              </li>
            )}
            {can(me, { action: 'fund.manage' }) && (
              <li>
                <AppLink to={`/funds/${fund.id}/edit`}>Change the fund’s details</AppLink>
              </li>
            )}
          </ul>
        </>
      )}
    </Page>
  );
}
