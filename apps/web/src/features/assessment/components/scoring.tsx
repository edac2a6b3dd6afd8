import {
  type AssessorView,
  formatScore,
  RECOMMENDATION_LABELS,
  Recommendation,
  SCORE_MAX,
  SCORE_MIN,
  ScoreSetBody,
  scoreSetProblems,
  weightedTotal,
} from '@cf/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useLocation, useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { BackLink, NotificationBanner } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea } from '../../../components/ui/form';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { assessmentKeys, useSaveScores } from '../api/assessment';
import { ReopenRequestPanel } from './reopen-request';
import { ScoresAsText } from './scores-as-text';

interface ScoreForm {
  scores: { criterionId: string; score?: string; comment: string }[];
  recommendation?: string;
  overallComment: string;
}

/** Server field paths criteria.N.score / criteria.N.comment are the form's scores.N.score / .comment. */
const CRITERION_PATH = /^criteria\.(\d+)\.(score|comment)$/;

/**
 * The page an assessor scores a bid on: the bid (`bid`) beside the scores on a wide screen, above
 * them on a narrow one. Scores still being written are a form that goes on to "check your scores";
 * submitted scores are text, with a way to ask the officer to reopen them.
 */
export function Scoring({ view, bid }: { view: AssessorView; bid: ReactNode }) {
  const a = view.assignment;
  const submitted = view.scoreSet?.status === 'submitted';
  const [errorCount, setErrorCount] = useState(0);
  const location = useLocation();
  // "Change" on the check page links here with the field's id: take the assessor straight to it.
  useEffect(() => {
    if (!location.hash) return;
    const target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }, [location.hash]);
  return (
    <Page
      title={`Assess ${a.bidTitle ?? 'bid'}`}
      hasError={errorCount > 0}
      wide
      before={<BackLink to="/assess">Bids to assess</BackLink>}
    >
      <span className="govuk-caption-l">
        {a.bidReference}: {a.organisationName}
      </span>
      <h1 className="govuk-heading-l">{a.bidTitle}</h1>
      <div className="app-side-by-side">
        <section
          className="app-side-by-side__bid"
          aria-labelledby="the-bid-heading"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: on a wide screen the bid scrolls on its own, and keyboard users must be able to scroll it
          tabIndex={0}
        >
          <h2 className="govuk-heading-m" id="the-bid-heading">
            The bid
          </h2>
          {bid}
        </section>
        <section aria-labelledby="your-scores-heading">
          <h2 className="govuk-heading-m" id="your-scores-heading">
            Your scores
          </h2>
          {submitted && view.scoreSet ? (
            <>
              <p className="govuk-body">You submitted these scores. They can no longer be changed here.</p>
              <ScoresAsText view={view} scoreSet={view.scoreSet} />
              <ReopenRequestPanel view={view} />
            </>
          ) : (
            <ScoreForm view={view} onErrors={setErrorCount} />
          )}
        </section>
      </div>
    </Page>
  );
}

/** Scores being written: each criterion 0 to 5 with a comment, a recommendation; saved as a draft. */
function ScoreForm({ view, onErrors }: { view: AssessorView; onErrors: (count: number) => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useSaveScores(view.assignment.id);
  const [saved, setSaved] = useState(false);
  const baseVersion = useRef(view.scoreSet?.version ?? 0);
  const toApi = (v: ScoreForm) => ({
    baseVersion: baseVersion.current,
    // Submitting happens on "Check your scores": this page only ever saves a draft.
    submit: false,
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
    const match = CRITERION_PATH.exec(path);
    if (match) return `scores-${match[1]}-${match[2]}`;
    return path.replaceAll('.', '-');
  });
  useEffect(() => onErrors(items.length), [items.length, onErrors]);
  const watched = useWatch({ control: form.control, name: 'scores' });
  const total = weightedTotal(
    view.criteria,
    (watched ?? []).map((s) => ({ criterionId: s.criterionId, score: s.score ? Number(s.score) : null })),
  );

  /** Puts messages keyed by the API's paths on the form's fields. */
  const showProblems = (problems: Record<string, string>) => {
    for (const [path, message] of Object.entries(problems)) {
      const match = CRITERION_PATH.exec(path);
      if (match)
        form.setError(`scores.${Number(match[1])}.${match[2] as 'score' | 'comment'}`, {
          type: 'server',
          message,
        });
      else if (path === 'recommendation') form.setError('recommendation', { type: 'server', message });
    }
  };

  const send = (next: 'check' | 'stay') =>
    form.handleSubmit(async (body) => {
      setSaved(false);
      if (next === 'check') {
        const missing = scoreSetProblems(view.criteria, body);
        if (Object.keys(missing).length > 0) {
          showProblems(missing);
          return;
        }
      }
      try {
        const result = await save.mutateAsync(body);
        baseVersion.current = result.version;
        // The check page reads what was just saved, not an older copy.
        queryClient.setQueryData(assessmentKeys.assignment(view.assignment.id), {
          ...view,
          scoreSet: result,
        });
        if (next === 'check') navigate(`/assess/${view.assignment.id}/check`);
        else {
          setSaved(true);
          window.scrollTo(0, 0);
        }
      } catch (error) {
        if (isApiError(error)) showProblems(error.fields);
        applyServerErrors(error, form.setError, ['recommendation', 'overallComment']);
      }
    })();

  return (
    <>
      {saved && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            Your scores are saved. You can come back to them.
          </p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <p className="govuk-body">
        Score each criterion from 0 to 5 and say why. The weights show how much each counts. You will check
        your scores before you submit them.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send('check');
        }}
      >
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
          options={Recommendation.options.map((value) => ({ value, text: RECOMMENDATION_LABELS[value] }))}
          {...form.register('recommendation')}
        />
        <Textarea
          id="overallComment"
          label="Overall comment (optional)"
          rows={4}
          error={errors.overallComment?.message}
          {...form.register('overallComment')}
        />
        <ButtonGroup>
          <Button disabled={isSubmitting}>Continue</Button>
          <Button type="button" variant="secondary" disabled={isSubmitting} onClick={() => void send('stay')}>
            Save and come back later
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
