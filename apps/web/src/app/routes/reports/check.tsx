import { REPORT_KIND_LABELS } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { reportQueryOptions, useSendReport } from '../../../features/reports/api/reports';
import { ReportAnswers } from '../../../features/reports/components/answers';
import { isApiError } from '../../../lib/api-client';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(reportQueryOptions(params.reportId ?? ''));
  return null;
}

/** The group checks its answers, then sends the report to the grants officer. */
export function Component() {
  const { reportId = '' } = useParams();
  const navigate = useNavigate();
  const { data: report } = useSuspenseQuery(reportQueryOptions(reportId));
  const send = useSendReport(reportId);
  const [problem, setProblem] = useState<string | null>(null);
  if (!report.permissions.write) return <Navigate to={`/reports/${reportId}`} replace />;
  const title = `Check your ${REPORT_KIND_LABELS[report.kind].toLowerCase()} before you send it`;
  return (
    <Page
      title={title}
      hasError={problem !== null}
      before={<BackLink to={`/reports/${reportId}`}>Back to the report</BackLink>}
    >
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      <span className="govuk-caption-l">{report.title ?? 'Grant'}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <ReportAnswers report={report} change />
      <h2 className="govuk-heading-m">Now send your report</h2>
      <p className="govuk-body">
        Once you send it, you cannot change it unless the grants officer returns it to you.
      </p>
      <Button
        type="button"
        disabled={send.isPending}
        onClick={async () => {
          try {
            setProblem(null);
            await send.mutateAsync(undefined);
            navigate(`/reports/${reportId}`);
          } catch (error) {
            setProblem(isApiError(error) ? error.message : 'Sorry, something went wrong. Try again.');
          }
        }}
      >
        Send the report
      </Button>
    </Page>
  );
}
