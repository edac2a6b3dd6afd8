import {
  type AssessorView,
  formatPence,
  formatScore,
  RECOMMENDATION_LABELS,
  Recommendation,
  SCORE_MAX,
  SCORE_MIN,
  ScoreSetBody,
  weightedTotal,
} from '@cf/shared';
import { type ReactNode, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { BackLink, InsetText, NotificationBanner, SummaryList } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea } from '../../../components/ui/form';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { useSaveScores } from '../api/assessment';

interface ScoreForm {
  scores: { criterionId: string; score?: string; comment: string }[];
  recommendation?: string;
  overallComment: string;
}

/**
 * An assessor scores a bid (shown as `bid`) on each of the fund's criteria, with a comment for
 * each and a recommendation; they may save and come back before submitting.
 */
export function Scoring({ view, bid }: { view: AssessorView; bid: ReactNode }) {
  const navigate = useNavigate();
  const save = useSaveScores(view.assignment.id);
  const submitted = view.scoreSet?.status === 'submitted';
  const mode = useRef<'submit' | 'save'>('submit');
  const [saved, setSaved] = useState(false);
  const [baseVersion, setBaseVersion] = useState(view.scoreSet?.version ?? 0);
  const toApi = (v: ScoreForm) => ({
    baseVersion,
    submit: mode.current === 'submit',
    scores: v.scores.map((s) => ({
      criterionId: s.criterionId,
      ...(s.score !== undefined && s.score !== null && s.score !== '' ? { score: Number(s.score) } : {}),
      ...(s.comment.trim() ? { comment: s.comment } : {}),
    })),
    ...(v.recommendation ? { recommendation: v.recommendation } : {}),
    ...(v.overallComment.trim() ? { overallComment: v.overallComment } : {}),
  });
  const form = useForm<ScoreForm, unknown, z.output<typeof ScoreSetBody>>({
    defaultValues: {
      scores: view.criteria.map((c) => {
        const existing = view.scoreSet?.scores.find((s) => s.criterionId === c.id);
        return {
          criterionId: c.id,
          score:
            existing?.score === null || existing?.score === undefined ? undefined : String(existing.score),
          comment: existing?.comment ?? '',
        };
      }),
      recommendation: view.scoreSet?.recommendation ?? undefined,
      overallComment: view.scoreSet?.overallComment ?? '',
    },
    resolver: sharedResolver(() => ScoreSetBody, toApi),
  });
  const { errors, isSubmitting } = form.formState;
  const fields = ['scores', 'criteria', 'recommendation', 'overallComment'];
  const items = errorItems(errors, fields, (path) => {
    const match = /^criteria\.(\d+)\.(score|comment)$/.exec(path);
    if (match) return match[2] === 'score' ? `scores-${match[1]}-score` : `scores-${match[1]}-comment`;
    return path.replaceAll('.', '-');
  });
  const watched = useWatch({ control: form.control, name: 'scores' });
  const total = weightedTotal(
    view.criteria,
    (watched ?? []).map((s) => ({ criterionId: s.criterionId, score: s.score ? Number(s.score) : null })),
  );

  const send = (which: 'submit' | 'save') => {
    mode.current = which;
    setSaved(false);
    return form.handleSubmit(async (body) => {
      try {
        const result = await save.mutateAsync(body);
        setBaseVersion(result.version);
        if (which === 'submit') navigate('/assess', { replace: true });
        else {
          setSaved(true);
          window.scrollTo(0, 0);
        }
      } catch (error) {
        // Server field paths criteria.N.score map onto the scores rows.
        if (isApiError(error)) {
          for (const [path, message] of Object.entries(error.fields)) {
            const match = /^criteria\.(\d+)\.(score|comment)$/.exec(path);
            if (match)
              form.setError(`scores.${Number(match[1])}.${match[2] as 'score' | 'comment'}`, {
                type: 'server',
                message,
              });
          }
        }
        applyServerErrors(error, form.setError, ['recommendation', 'overallComment']);
      }
    })();
  };

  const a = view.assignment;
  return (
    <Page
      title={`Assess ${a.bidTitle ?? 'bid'}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to="/assess">Bids to assess</BackLink>}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {saved && items.length === 0 && (
            <NotificationBanner success>
              <p className="govuk-notification-banner__heading">
                Your scores are saved. You can come back to them.
              </p>
            </NotificationBanner>
          )}
          <ErrorSummary errors={items} />
          <span className="govuk-caption-l">
            {a.bidReference}: {a.organisationName}
          </span>
          <h1 className="govuk-heading-l">{a.bidTitle}</h1>
          <SummaryList
            rows={[
              { key: 'Asking for', value: formatPence(view.bid?.amountRequestedPence ?? 0) },
              { key: 'Wards', value: view.bid?.wardNames.join(', ') ?? '' },
            ]}
          />
          <h2 className="govuk-heading-m">The bid</h2>
          {bid}
          <h2 className="govuk-heading-m">Your scores</h2>
          {submitted ? (
            <InsetText>
              You submitted these scores. If something needs to change, ask the grants officer to reopen them.
            </InsetText>
          ) : (
            <p className="govuk-body">
              Score each criterion from 0 to 5 and say why. The weights show how much each counts.
            </p>
          )}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void send('submit');
            }}
          >
            <fieldset className="govuk-fieldset" disabled={submitted}>
              <legend className="govuk-visually-hidden">Your scores</legend>
              {view.criteria.map((criterion, index) => (
                <div key={criterion.id} className="govuk-!-margin-bottom-8">
                  <input type="hidden" {...form.register(`scores.${index}.criterionId`)} />
                  <Radios
                    id={`scores-${index}-score`}
                    legend={`${index + 1}. ${criterion.title} (${criterion.weight}%)`}
                    legendSize="s"
                    hint={criterion.description}
                    small
                    error={errors.scores?.[index]?.score?.message}
                    options={Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, score) => ({
                      value: String(score),
                      text: String(score),
                      hint: criterion.guidance[score],
                    }))}
                    {...form.register(`scores.${index}.score`)}
                  />
                  <Textarea
                    id={`scores-${index}-comment`}
                    label={`Why this score for “${criterion.title}”?`}
                    rows={3}
                    error={errors.scores?.[index]?.comment?.message}
                    {...form.register(`scores.${index}.comment`)}
                  />
                </div>
              ))}
              <div className="govuk-inset-text" aria-live="polite">
                Weighted total: <strong>{formatScore(total)} out of 100</strong>
              </div>
              <Radios
                id="recommendation"
                legend="Your recommendation"
                legendSize="s"
                error={errors.recommendation?.message}
                options={Recommendation.options.map((value) => ({
                  value,
                  text: RECOMMENDATION_LABELS[value],
                }))}
                {...form.register('recommendation')}
              />
              <Textarea
                id="overallComment"
                label="Overall comment (optional)"
                rows={4}
                error={errors.overallComment?.message}
                {...form.register('overallComment')}
              />
            </fieldset>
            {!submitted && (
              <ButtonGroup>
                <Button disabled={isSubmitting}>Submit scores</Button>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={isSubmitting}
                  onClick={() => void send('save')}
                >
                  Save and come back later
                </Button>
              </ButtonGroup>
            )}
          </form>
        </div>
      </div>
    </Page>
  );
}
