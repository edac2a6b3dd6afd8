import { type AssessorView, formatScore, RECOMMENDATION_LABELS, SCORE_MAX, type ScoreSet } from '@cf/shared';
import { SummaryList, type SummaryRow } from '../../../components/ui/content';

/**
 * An assessor's scores as text, to read rather than to change: each criterion's score with what
 * that score means and the assessor's comment, the weighted total, the recommendation and the
 * overall comment. With `changeHref`, each row links back to where it is changed (check your scores).
 */
export function ScoresAsText({
  view,
  scoreSet,
  changeHref,
}: {
  view: AssessorView;
  scoreSet: ScoreSet;
  changeHref?: (field: string) => string;
}) {
  const change = (field: string, what: string): SummaryRow['action'] =>
    changeHref ? { to: changeHref(field), text: 'Change', hidden: what } : undefined;
  const rows: SummaryRow[] = view.criteria.map((criterion, index) => {
    const entry = scoreSet.scores.find((s) => s.criterionId === criterion.id);
    const score = entry?.score ?? null;
    return {
      key: `${index + 1}. ${criterion.title} (${criterion.weight}%)`,
      value: (
        <>
          <strong>{score === null ? 'Not scored' : `${score} out of ${SCORE_MAX}`}</strong>
          {score !== null && criterion.guidance[score] && (
            <span className="govuk-!-display-block app-muted">{criterion.guidance[score]}</span>
          )}
          {entry?.comment ? (
            <span className="govuk-!-display-block app-pre-wrap govuk-!-margin-top-2">{entry.comment}</span>
          ) : (
            <span className="govuk-!-display-block govuk-!-margin-top-2">No comment</span>
          )}
        </>
      ),
      action: change(`scores-${index}-score`, `your score for ${criterion.title}`),
    };
  });
  rows.push(
    { key: 'Weighted total', value: <strong>{formatScore(scoreSet.total)} out of 100</strong> },
    {
      key: 'Your recommendation',
      value: scoreSet.recommendation ? RECOMMENDATION_LABELS[scoreSet.recommendation] : 'Not chosen',
      action: change('recommendation', 'your recommendation'),
    },
    {
      key: 'Overall comment',
      value: scoreSet.overallComment ? (
        <span className="app-pre-wrap">{scoreSet.overallComment}</span>
      ) : (
        'None'
      ),
      action: change('overallComment', 'your overall comment'),
    },
  );
  return <SummaryList rows={rows} />;
}
