import { type BidResult, formatScore, RECOMMENDATION_LABELS, type ScoreSetStatus } from '@cf/shared';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Details } from '../../../components/ui/content';
import { isApiError } from '../../../lib/api-client';
import { useReopen } from '../api/assessment';

const STATUS_WORDS: Record<ScoreSetStatus, string> = {
  draft: 'in progress',
  submitted: 'submitted',
  withdrawn: 'withdrawn, not counted',
  closed: 'closed, not counted',
};

/**
 * Each assessor's scores for one bid, folded away, with their comments and recommendation. Until
 * the panel decides, an officer may reopen submitted scores, saying why.
 */
export function ScoreSets({
  result,
  mayReopen,
  onReopened,
  onError,
}: {
  result: BidResult;
  /** Whether the signed-in officer may reopen scores on this bid (not their group's, no conflict with it). */
  mayReopen: boolean;
  onReopened: (message: string) => void;
  onError: (message: string) => void;
}) {
  const reopen = useReopen();
  const [reopening, setReopening] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <>
      {result.scoreSets.map((set) => (
        <Details
          key={set.id}
          summary={`${set.assessorName}: ${formatScore(set.total)} (${STATUS_WORDS[set.status]})`}
        >
          {set.setAsideReason && (
            <p className="govuk-body">
              <strong>Not counted.</strong> {set.setAsideReason}
            </p>
          )}
          <ul className="govuk-list">
            {result.criteria.map((c) => {
              const entry = set.scores.find((s) => s.criterionId === c.criterionId);
              return (
                <li key={c.criterionId}>
                  <strong>
                    {c.title}: {entry?.score ?? '–'}
                  </strong>
                  {entry?.comment && <span className="app-pre-wrap"> — {entry.comment}</span>}
                </li>
              );
            })}
          </ul>
          <p className="govuk-body">
            Recommendation: {set.recommendation ? RECOMMENDATION_LABELS[set.recommendation] : 'none yet'}
            {set.overallComment ? `. ${set.overallComment}` : ''}
          </p>
          {set.status === 'submitted' &&
            result.decision === null &&
            mayReopen &&
            (reopening === set.assignmentId ? (
              <div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`reopen-${set.id}`}>
                    Why reopen {set.assessorName}’s scores?
                  </label>
                  <textarea
                    id={`reopen-${set.id}`}
                    className="govuk-textarea"
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </div>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() =>
                    reopen.mutate(
                      { assignmentId: set.assignmentId, reason },
                      {
                        onSuccess: () => {
                          setReopening(null);
                          setReason('');
                          onReopened(`${set.assessorName}’s scores are reopened.`);
                        },
                        onError: (e) =>
                          onError(
                            isApiError(e) ? (Object.values(e.fields)[0] ?? e.message) : 'Could not reopen',
                          ),
                      },
                    )
                  }
                >
                  Reopen scores
                </Button>
              </div>
            ) : (
              <Button type="button" variant="secondary" onClick={() => setReopening(set.assignmentId)}>
                Reopen<span className="govuk-visually-hidden"> {set.assessorName}’s scores</span>
              </Button>
            ))}
        </Details>
      ))}
    </>
  );
}
