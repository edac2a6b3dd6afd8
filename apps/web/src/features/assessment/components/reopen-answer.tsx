import { formatDateTime, ReopenAnswerBody, type ReopenRequest } from '@cf/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button';
import { SummaryList } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea } from '../../../components/ui/form';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver, text } from '../../../lib/resolver';
import { useAnswerReopenRequest } from '../api/assessment';

/**
 * One assessor's request to reopen their submitted scores, as a GOV.UK summary card, with the
 * officer's answer: reopen the scores, or decline and say why (the assessor is told either way).
 */
export function ReopenRequestCard({
  request,
  onAnswered,
}: {
  request: ReopenRequest;
  onAnswered: (message: string) => void;
}) {
  const answer = useAnswerReopenRequest(request.id);
  const id = `answer-${request.id}`;
  const form = useForm<{ decision?: string; reason: string }, unknown, z.output<typeof ReopenAnswerBody>>({
    defaultValues: { reason: '' },
    resolver: sharedResolver(
      () => ReopenAnswerBody,
      (v) =>
        v.decision === 'decline'
          ? { decision: 'decline', reason: text(v.reason) }
          : v.decision === 'reopen'
            ? { decision: 'reopen' }
            : {},
      (path) => (path === '' || path === 'root' ? 'decision' : path),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['decision', 'reason'], (path) =>
    path === 'reason' ? `${id}-reason` : `${id}-decision`,
  );
  const decision = form.watch('decision');
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await answer.mutateAsync(body);
      onAnswered(
        body.decision === 'reopen'
          ? `${request.assessorName}’s scores on ${request.bidReference ?? 'the bid'} are reopened. We have told them.`
          : `You declined ${request.assessorName}’s request. We have told them why.`,
      );
    } catch (error) {
      applyServerErrors(error, form.setError, ['decision', 'reason']);
    }
  });
  const title = `${request.assessorName} on ${request.bidReference ?? 'a bid'}`;
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">{title}</h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Bid', value: request.bidTitle ?? 'Untitled bid' },
            { key: 'Asked at', value: formatDateTime(request.requestedAt) },
            { key: 'Their reason', value: <span className="app-pre-wrap">{request.reason}</span> },
          ]}
        />
        <ErrorSummary errors={items} />
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id={`${id}-decision`}
            legend={
              <>
                What do you want to do?<span className="govuk-visually-hidden"> ({title})</span>
              </>
            }
            legendSize="s"
            error={errors.decision?.message}
            options={[
              {
                value: 'reopen',
                text: 'Reopen the scores',
                hint: `${request.assessorName} can change them and submit them again`,
              },
              { value: 'decline', text: 'Decline the request', hint: 'The scores stay as they are' },
            ]}
            {...form.register('decision')}
          />
          {decision === 'decline' && (
            <Textarea
              id={`${id}-reason`}
              label="Why are you declining?"
              hint={`We will tell ${request.assessorName} this`}
              rows={3}
              error={errors.reason?.message}
              {...form.register('reason')}
            />
          )}
          <Button variant="secondary" disabled={isSubmitting}>
            Send answer<span className="govuk-visually-hidden"> to {title}</span>
          </Button>
        </form>
      </div>
    </div>
  );
}
