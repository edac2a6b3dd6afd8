import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, Navigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Panel } from '../../../components/ui/content';
import {
  assessorViewQueryOptions,
  myAssignmentsQueryOptions,
} from '../../../features/assessment/api/assessment';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.score' });
  await Promise.all([
    queryClient.ensureQueryData(assessorViewQueryOptions(params.assignmentId ?? '')),
    queryClient.ensureQueryData(myAssignmentsQueryOptions(1)),
  ]);
  return null;
}

/** The confirmation after an assessor submits their scores, and where to go next. */
export function Component() {
  const { assignmentId = '' } = useParams();
  const { data: view } = useSuspenseQuery(assessorViewQueryOptions(assignmentId));
  const { data: mine } = useSuspenseQuery(myAssignmentsQueryOptions(1));
  if (view.scoreSet?.status !== 'submitted') return <Navigate to={`/assess/${assignmentId}`} replace />;
  // The list gives bids still to do first, the soonest due first: the next one is at the top.
  const next = mine.assignments.find(
    (a) => a.id !== assignmentId && (a.status === 'awaiting_declaration' || a.status === 'scoring'),
  );
  return (
    <Page title="Scores submitted">
      <Panel title="Scores submitted">
        {view.assignment.bidReference}
        <br />
        <strong>{view.assignment.bidTitle}</strong>
      </Panel>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        When every assessor has scored this bid, the grants officer takes it to the panel, which decides it.
      </p>
      <p className="govuk-body">
        If you need to change your scores, you can ask the grants officer to reopen them from{' '}
        <AppLink to={`/assess/${assignmentId}`}>your scores for this bid</AppLink>.
      </p>
      {next ? (
        <>
          <h2 className="govuk-heading-m">Your next bid</h2>
          <p className="govuk-body">
            <AppLink to={`/assess/${next.id}`}>{next.bidTitle ?? 'Untitled bid'}</AppLink>
          </p>
        </>
      ) : (
        <p className="govuk-body">You have no other bids to finish.</p>
      )}
      <p className="govuk-body">
        <AppLink to="/assess">Go to your bids to assess</AppLink>
      </p>
    </Page>
  );
}
