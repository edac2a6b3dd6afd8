import {
  formatDate,
  formatPence,
  RAG_LABELS,
  RAG_MEANINGS,
  RagRating,
  RateGrantBody,
  REPORT_KIND_LABELS,
  REPORT_SECTION_KEYS,
  REPORT_SECTIONS,
  type ReportDetail,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup, ButtonLink } from '../../../components/ui/button';
import {
  AppLink,
  BackLink,
  InsetText,
  NotificationBanner,
  WarningText,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea } from '../../../components/ui/form';
import { TaskList } from '../../../components/ui/task-list';
import { reportQueryOptions, useApproveReport, useRateGrant } from '../../../features/reports/api/reports';
import { ReportAnswers } from '../../../features/reports/components/answers';
import { RagTag, ReportStateTag } from '../../../features/reports/components/status';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(reportQueryOptions(params.reportId ?? ''));
  return null;
}

/** The group's task list: each section, answered or not, then the evidence and "check and send". */
function WriteReport({ report }: { report: ReportDetail }) {
  const tasks = [
    ...REPORT_SECTION_KEYS.map((key) => ({
      id: key,
      title: REPORT_SECTIONS[key].title,
      hint: REPORT_SECTIONS[key].hint,
      href: `/reports/${report.id}/sections/${key}`,
      status: report.missing.includes(key) ? ('not_started' as const) : ('completed' as const),
    })),
    {
      id: 'evidence',
      title: 'Evidence',
      hint: 'Photos or documents that show what happened (optional)',
      href: `/reports/${report.id}/evidence`,
      status: report.evidence.length > 0 ? ('completed' as const) : ('not_started' as const),
    },
  ];
  const done = REPORT_SECTION_KEYS.length - report.missing.length;
  return (
    <>
      <p className="govuk-body">
        You have answered {done} of {REPORT_SECTION_KEYS.length} sections. Anyone in your group can work on
        this report; each section is saved when you save it.
      </p>
      <TaskList tasks={tasks} />
      {report.missing.length === 0 ? (
        <ButtonLink to={`/reports/${report.id}/check`}>Check your report and send it</ButtonLink>
      ) : (
        <InsetText>Answer every section, then you can check your report and send it.</InsetText>
      )}
    </>
  );
}

/** The officer approves the report; for the final report, saying what approving it also does. */
function Decide({ report }: { report: ReportDetail }) {
  const approve = useApproveReport(report.id);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <h2 className="govuk-heading-m">Approve or return the report</h2>
      {report.kind === 'final' && (
        <WarningText>
          Approving the final report completes the grant and asks finance for the final payment. Someone else
          in finance must approve that payment.
        </WarningText>
      )}
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      <ButtonGroup>
        <Button
          type="button"
          disabled={approve.isPending}
          onClick={async () => {
            try {
              setProblem(null);
              await approve.mutateAsync(undefined);
              window.scrollTo(0, 0);
            } catch (error) {
              setProblem(isApiError(error) ? error.message : 'Sorry, something went wrong. Try again.');
            }
          }}
        >
          Approve the report
        </Button>
        <ButtonLink to={`/reports/${report.id}/return`} variant="secondary">
          Return it to the group
        </ButtonLink>
      </ButtonGroup>
    </>
  );
}

interface RateForm {
  rating: string;
  reason: string;
}

/** The officer rates the grant, with the suggestion and its reasons beside the choice. */
function Rate({ report }: { report: ReportDetail }) {
  const rate = useRateGrant(report.grantId, report.id);
  const [saved, setSaved] = useState(false);
  const suggestion = report.suggestion;
  const form = useForm<RateForm, unknown, z.output<typeof RateGrantBody>>({
    defaultValues: { rating: '', reason: '' },
    resolver: sharedResolver(
      () =>
        RateGrantBody.superRefine((body, ctx) => {
          if (suggestion && body.rating !== suggestion.rating && body.reason.trim() === '') {
            ctx.addIssue({
              code: 'custom',
              path: ['reason'],
              message: `Say why you rate this grant ${RAG_LABELS[body.rating].toLowerCase()} when the suggestion is ${RAG_LABELS[suggestion.rating].toLowerCase()}`,
            });
          }
        }),
      (v) => ({ rating: v.rating || undefined, reason: v.reason, reportId: report.id }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['rating', 'reason']);
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      setSaved(false);
      await rate.mutateAsync(body);
      setSaved(true);
      form.reset({ rating: '', reason: '' });
    } catch (error) {
      applyServerErrors(error, form.setError, ['rating', 'reason']);
    }
  });
  return (
    <>
      <h2 className="govuk-heading-m" id="rate">
        Rate the grant
      </h2>
      {saved && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Rating saved.</p>
        </NotificationBanner>
      )}
      {report.rating && (
        <p className="govuk-body">
          Rated now: <RagTag rating={report.rating.rating} /> by {report.rating.ratedByName} on{' '}
          {formatDate(report.rating.ratedAt)}.
        </p>
      )}
      {suggestion && (
        <InsetText>
          <p className="govuk-body">
            Suggested rating: <RagTag rating={suggestion.rating} />
          </p>
          <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
            {suggestion.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </InsetText>
      )}
      <ErrorSummary errors={items} />
      <form onSubmit={onSubmit} noValidate>
        <Radios
          id="rating"
          legend="How is the grant going?"
          legendSize="s"
          error={errors.rating?.message}
          options={RagRating.options.map((value) => ({
            value,
            text: RAG_LABELS[value],
            hint: RAG_MEANINGS[value],
          }))}
          {...form.register('rating')}
        />
        <Textarea
          id="reason"
          label="Why (needed when you differ from the suggestion)"
          rows={3}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <Button variant="secondary" disabled={isSubmitting}>
          Save the rating
        </Button>
      </form>
    </>
  );
}

/** A report: the group's task list while it is theirs to write; otherwise the answers, and the officer's steps. */
export function Component() {
  const { reportId = '' } = useParams();
  const { data: report } = useSuspenseQuery(reportQueryOptions(reportId));
  const title = REPORT_KIND_LABELS[report.kind];
  const officer = report.permissions.decide || report.permissions.rate;
  return (
    <Page title={title} before={<BackLink to={`/grants/${report.grantId}`}>Back to the grant</BackLink>}>
      {report.status === 'submitted' && !officer && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Report sent</p>
          <p className="govuk-body">The grants officer will read it and let you know.</p>
        </NotificationBanner>
      )}
      {report.status === 'approved' && report.grantStatus === 'completed' && report.kind === 'final' && (
        <NotificationBanner title="Grant completed">
          <p className="govuk-body">
            The final report is approved and the grant is complete. The final payment goes to finance for
            approval.
          </p>
        </NotificationBanner>
      )}
      {report.status === 'returned' && report.returnComments && (
        <NotificationBanner title="Returned for changes">
          <h3 className="govuk-notification-banner__heading">What the grants officer asked you to change</h3>
          <p className="govuk-body app-pre-wrap">{report.returnComments}</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">
        {report.organisationName}: {report.title ?? 'Grant'}
      </span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <ReportStateTag state={report.state} />
      </p>
      <p className="govuk-body">
        Due by {formatDate(report.dueOn)}. The grant is {formatPence(report.awardPence)}
        {report.reference ? `, ${report.reference}` : ''}.
        {report.submittedAt && report.submittedByName
          ? ` Sent by ${report.submittedByName} on ${formatDate(report.submittedAt)}.`
          : ''}
      </p>
      {report.permissions.write ? (
        <WriteReport report={report} />
      ) : (
        <>
          <ReportAnswers report={report} />
          {report.permissions.decide && <Decide report={report} />}
          {report.permissions.rate && <Rate report={report} />}
          {!officer && (
            <p className="govuk-body">
              <AppLink to={`/grants/${report.grantId}`}>Back to the grant</AppLink>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
