import type { BidStatus } from '@cf/shared';
import { formatScore } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, Table, Tag } from '../../../components/ui/content';
import { resultsQueryOptions } from '../../../features/assessment/api/assessment';
import { BidStatusTag } from '../../../features/bids/components/status';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'results.read' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(resultsQueryOptions(fundId)),
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
  ]);
  return null;
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data } = useSuspenseQuery(resultsQueryOptions(fundId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  return (
    <Page title={`Results: ${fund.name}`} wide before={<BackLink to={`/funds/${fundId}`}>Back</BackLink>}>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Results</h1>
      <p className="govuk-body">
        Bids ranked by the mean weighted score of complete score sets. A bid is marked “Scores differ” where
        assessors’ scores for a criterion are more than {fund.moderationThreshold} points apart: discuss it at
        the panel.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`/api/funds/${fundId}/exports/scores.csv`} download>
            Download the score matrix (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/api/funds/${fundId}/exports/decisions.csv`} download>
            Download the decisions (CSV)
          </a>
        </li>
      </ul>
      {data.results.length === 0 ? (
        <p className="govuk-body">No bids are being assessed yet.</p>
      ) : (
        <Table
          caption="Ranked bids"
          rowKey={(r) => r.bidId}
          rows={data.results}
          columns={[
            { header: 'Rank', cell: (r) => data.results.indexOf(r) + 1, numeric: true },
            {
              header: 'Bid',
              cell: (r) => (
                <>
                  <AppLink to={`/bids/${r.bidId}/results`}>{r.title ?? 'Untitled'}</AppLink>
                  <br />
                  <span className="govuk-body-s app-muted">
                    {r.reference}, {r.organisationName}
                  </span>
                </>
              ),
            },
            {
              header: 'Score',
              cell: (r) =>
                r.withheld
                  ? 'Not shown to you'
                  : r.meanScore === null
                    ? 'Not scored'
                    : formatScore(r.meanScore),
              numeric: true,
            },
            { header: 'Score sets', cell: (r) => r.completeSets, numeric: true },
            {
              header: 'Flags',
              cell: (r) => (
                <>
                  {r.moderationFlag && <Tag colour="orange">Scores differ</Tag>}{' '}
                  {r.conflicts.length > 0 && (
                    <Tag colour="grey">Conflict of interest: {r.conflicts.map((c) => c.name).join(', ')}</Tag>
                  )}
                </>
              ),
            },
            {
              header: 'Asked for',
              cell: (r) => (
                <>
                  {formatPence(r.amountRequestedPence)}
                  {r.decision?.outcome === 'award' && r.decision.amountPence !== null && (
                    <>
                      <br />
                      <span className="govuk-body-s">Awarded {formatPence(r.decision.amountPence)}</span>
                    </>
                  )}
                </>
              ),
              numeric: true,
            },
            { header: 'Status', cell: (r) => <BidStatusTag status={r.status as BidStatus} /> },
          ]}
        />
      )}
    </Page>
  );
}
