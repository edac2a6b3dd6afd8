import { type AssessorView, formatDateTime, ReopenRequestBody } from '@cf/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button';
import { InsetText, NotificationBanner } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea } from '../../../components/ui/form';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver, text } from '../../../lib/resolver';
import { useRequestReopen } from '../api/assessment';

/**
 * Under submitted scores: where the assessor's request to reopen them stands, and, when none is
 * waiting, a short form to ask the grants officer, saying why.
 */
export function ReopenRequestPanel({ view }: { view: AssessorView }) {
  const request = view.reopenRequest;
  const ask = useRequestReopen(view.assignment.id);
  const [sent, setSent] = useState(false);
  const form = useForm<{ reason: string }, unknown, z.output<typeof ReopenRequestBody>>({
    defaultValues: { reason: '' },
    resolver: sharedResolver(
      () => ReopenRequestBody,
      (v) => ({ reason: text(v.reason) }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['reason'], () => 'reopen-reason');
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    try {
      await ask.mutateAsync(reason);
      setSent(true);
      form.reset();
    } catch (error) {
      applyServerErrors(error, form.setError, ['reason']);
    }
  });

  if (request?.status === 'open') {
    return (
      <>
        {sent && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              Your request has been sent to the grants officer.
            </p>
          </NotificationBanner>
        )}
        <h3 className="govuk-heading-s">You asked to change these scores</h3>
        <InsetText>
          <p className="govuk-body">
            You asked the grants officer to reopen your scores at {formatDateTime(request.requestedAt)}.
          </p>
          <p className="govuk-body app-pre-wrap">Your reason: {request.reason}</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            They will reopen them or tell you why not. We will email you.
          </p>
        </InsetText>
      </>
    );
  }
  return (
    <>
      {request?.status === 'declined' && (
        <InsetText>
          <p className="govuk-body">
            {request.answeredByName ?? 'The grants officer'} did not reopen your scores
            {request.answeredAt ? ` (${formatDateTime(request.answeredAt)})` : ''}.
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">Their reason: {request.answer}</p>
        </InsetText>
      )}
      <h3 className="govuk-heading-s">Do your scores need to change?</h3>
      <p className="govuk-body">
        You cannot change scores you have submitted. Ask the grants officer to reopen them, and say why.
      </p>
      <ErrorSummary errors={items} />
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id="reopen-reason"
          label="Why do your scores need to change?"
          hint="For example, I scored value for money before I had read the group’s accounts"
          rows={3}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <Button variant="secondary" disabled={isSubmitting}>
          Ask the grants officer to reopen my scores
        </Button>
      </form>
    </>
  );
}
