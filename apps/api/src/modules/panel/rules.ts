import { type BidResult, formatScore, penceToPoundsInput, RECOMMENDATION_LABELS } from '@cf/shared';

type Row = (string | number | null)[];

/** The score matrix for the panel papers: each assessor's scores, then the mean, bid by bid in rank order. */
export function scoreMatrixRows(results: readonly BidResult[]): Row[] {
  const criteria = results[0]?.criteria ?? [];
  const rows: Row[] = [
    [
      'Rank',
      'Reference',
      'Project',
      'Group',
      'Assessor',
      'Status',
      ...criteria.map((c) => `${c.title} (${c.weight}%)`),
      'Weighted total',
      'Recommendation',
      'Comment',
    ],
  ];
  results.forEach((result, index) => {
    for (const set of result.scoreSets) {
      rows.push([
        index + 1,
        result.reference,
        result.title,
        result.organisationName,
        set.assessorName,
        set.status,
        ...criteria.map((c) => set.scores.find((s) => s.criterionId === c.criterionId)?.score ?? null),
        formatScore(set.total),
        set.recommendation ? RECOMMENDATION_LABELS[set.recommendation] : null,
        set.overallComment,
      ]);
    }
    rows.push([
      index + 1,
      result.reference,
      result.title,
      result.organisationName,
      'Mean of complete sets',
      result.moderationFlag ? 'Moderation' : '',
      ...criteria.map((c) => result.criteria.find((r) => r.criterionId === c.criterionId)?.mean ?? null),
      result.meanScore === null ? null : formatScore(result.meanScore),
      null,
      null,
    ]);
  });
  return rows;
}

/** The decisions for the panel papers and the record, in rank order. */
export function decisionRows(results: readonly BidResult[]): Row[] {
  const rows: Row[] = [
    [
      'Rank',
      'Reference',
      'Project',
      'Group',
      'Priority',
      'Wards',
      'Mean score',
      'Asked for (£)',
      'Decision',
      'Awarded (£)',
      'Reason or feedback',
      'Decided',
    ],
  ];
  results.forEach((result, index) => {
    rows.push([
      index + 1,
      result.reference,
      result.title,
      result.organisationName,
      result.mainPriority,
      result.wards.join('; '),
      result.meanScore === null ? null : formatScore(result.meanScore),
      penceToPoundsInput(result.amountRequestedPence),
      result.decision?.outcome ?? 'Not decided',
      result.decision?.amountPence === null || result.decision === null
        ? null
        : penceToPoundsInput(result.decision.amountPence),
      result.decision?.reason ?? null,
      result.decision?.decidedAt.slice(0, 10) ?? null,
    ]);
  });
  return rows;
}

/** Ranked: highest mean score first; unscored last; ties by reference. */
export function byRank(a: BidResult, b: BidResult): number {
  return (b.meanScore ?? -1) - (a.meanScore ?? -1) || (a.reference ?? '').localeCompare(b.reference ?? '');
}

/** The mean of complete score sets' totals, to one decimal place; null when there are none. */
export function meanScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  return Math.round((totals.reduce((sum, t) => sum + t, 0) / totals.length) * 10) / 10;
}
