import { type ScoreSet, scoreSetProblems } from '@cf/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, BackLink, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import {
  assessmentKeys,
  assessorViewQueryOptions,
  useSaveScores,
} from '../../../features/assessment/api/assessment';
import { ScoresAsText } from '../../../features/assessment/components/scores-as-text';
import { isApiError } from '../../../lib/api-client';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.score' });
  await queryClient.ensureQueryData(assessorViewQueryOptions(params.assignmentId ?? ''));
  return null;
}

/** The saved draft as the body that submits it. */
function submitBody(set: ScoreSet) {
  return {
    baseVersion: set.version,
    submit: true,
    scores: set.scores.map((s) => ({
      criterionId: s.criterionId,
      ...(s.score === null ? {} : { score: s.score }),
      ...(s.comment ? { comment: s.comment } : {}),
    })),
    ...(set.recommendation ? { recommendation: set.recommendation } : {}),
    ...(set.overallComment ? { overallComment: set.overallComment } : {}),
  };
}

/**
 * Check your scores before submitting them (the GOV.UK "check answers" pattern): every score, what
 * it means, each comment and the recommendation, each with a way back to change it. Once
 * submitted they can only be changed if the grants officer reopens them.
 */
export function Component() {
  const { assignmentId = '' } = useParams();
  const { data: view } = useSuspenseQuery(assessorViewQueryOptions(assignmentId));
  const navigate = useNavigate();
  const client = useQueryClient();
  const save = useSaveScores(assignmentId);
  const [problem, setProblem] = useState<string[]>([]);
  const set = view.scoreSet;
  const back = `/assess/${assignmentId}`;
  // Only scores still being written are checked here; anything else is shown on the bid's page
  // (unless we are on our way to the confirmation).
  if (view.assignment.status !== 'scoring' || !set || set.status !== 'draft')
    return save.isIdle ? <Navigate to={back} replace /> : null;
  const missing = Object.values(scoreSetProblems(view.criteria, set));

  const onSubmit = async () => {
    setProblem([]);
    try {
      const result = await save.mutateAsync(submitBody(set));
      client.setQueryData(assessmentKeys.assignment(assignmentId), {
        ...view,
        assignment: { ...view.assignment, status: 'submitted' as const },
        scoreSet: result,
      });
      navigate(`/assess/${assignmentId}/submitted`, { replace: true });
    } catch (error) {
      setProblem(
        isApiError(error)
          ? [error.message, ...Object.values(error.fields)]
          : ['Sorry, something went wrong. Try again.'],
      );
    }
  };

  const a = view.assignment;
  return (
    <Page
      title="Check your scores before you submit them"
      hasError={problem.length > 0}
      before={<BackLink to={back}>Back to your scores</BackLink>}
    >
      <ErrorSummary errors={problem.map((text) => ({ text }))} />
      <span className="govuk-caption-l">
        {a.bidReference}: {a.bidTitle}
      </span>
      <h1 className="govuk-heading-l">Check your scores before you submit them</h1>
      <ScoresAsText view={view} scoreSet={set} changeHref={(field) => `${back}#${field}`} />
      {missing.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">You have not finished</h2>
          <ul className="govuk-list govuk-list--bullet">
            {missing.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <p className="govuk-body">
            <AppLink to={back}>Go back to your scores to finish them</AppLink>
          </p>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-m">Now submit your scores</h2>
          <WarningText>You cannot change your scores after you submit them.</WarningText>
          <p className="govuk-body">
            If something needs to change later, you can ask the grants officer to reopen them.
          </p>
          <Button type="button" onClick={() => void onSubmit()} disabled={save.isPending}>
            Submit scores
          </Button>
        </>
      )}
    </Page>
  );
}
