import type { AssessorView } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { BackLink } from '../../../components/ui/content';
import { assessorViewQueryOptions } from '../../../features/assessment/api/assessment';
import { AssessorBid } from '../../../features/assessment/components/assessor-bid';
import { Declaration } from '../../../features/assessment/components/declaration';
import { Scoring } from '../../../features/assessment/components/scoring';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { needChoicesQueryOptions } from '../../../features/needs/api/needs';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.score' });
  const view = await queryClient.ensureQueryData(assessorViewQueryOptions(params.assignmentId ?? ''));
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(view.fund.id)),
    queryClient.ensureQueryData(referenceQueryOptions()),
    queryClient.ensureQueryData(needChoicesQueryOptions()),
  ]);
  return null;
}

/** The bid as the assessor reads it, beside their scores. */
function BidForAssessor({ view }: { view: AssessorView }) {
  const { data: fund } = useSuspenseQuery(fundQueryOptions(view.fund.id));
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: needList } = useSuspenseQuery(needChoicesQueryOptions());
  return <AssessorBid view={view} fund={fund} reference={reference} needs={needList.needs} />;
}

export function Component() {
  const { assignmentId = '' } = useParams();
  const { data: view } = useSuspenseQuery(assessorViewQueryOptions(assignmentId));
  if (view.assignment.status === 'awaiting_declaration') return <Declaration view={view} />;
  if (
    view.assignment.status === 'conflict' ||
    view.assignment.status === 'removed' ||
    view.assignment.status === 'closed'
  ) {
    return (
      <Page title="You are not assessing this bid" before={<BackLink to="/assess">Bids to assess</BackLink>}>
        <h1 className="govuk-heading-l">You are not assessing this bid</h1>
        <p className="govuk-body">
          {view.assignment.status === 'conflict'
            ? 'You declared a conflict of interest, so you have been taken off this bid. The grants officer will ask someone else to assess it.'
            : view.assignment.status === 'closed'
              ? 'The bid went back to the group for changes, so this assessment is closed. If the group sends it again, the grants officer will ask for new scores.'
              : 'The grants officer has taken you off this bid.'}
        </p>
      </Page>
    );
  }
  // key: a new page when the scores are submitted or reopened underneath.
  return <Scoring key={view.scoreSet?.status ?? 'new'} view={view} bid={<BidForAssessor view={view} />} />;
}
