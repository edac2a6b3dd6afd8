import { REPORT_KIND_LABELS, ReturnReportBody } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { TextActionPage } from '../../../features/bids/components/text-action-page';
import { reportQueryOptions, useReturnReport } from '../../../features/reports/api/reports';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(reportQueryOptions(params.reportId ?? ''));
  return null;
}

/** An officer returns a sent report to the group, saying what to change. */
export function Component() {
  const { reportId = '' } = useParams();
  const { data: report } = useSuspenseQuery(reportQueryOptions(reportId));
  const giveBack = useReturnReport(reportId);
  return (
    <TextActionPage
      bidId=""
      returnTo={`/reports/${reportId}`}
      backText="Back to the report"
      title="Return the report to the group"
      caption={`${REPORT_KIND_LABELS[report.kind]}: ${report.organisationName}`}
      intro={
        <p className="govuk-body">
          The group will be emailed your comments, change the report and send it again.
        </p>
      }
      schema={ReturnReportBody}
      field="comments"
      label="What does the group need to change?"
      hint="Be specific: they will see exactly what you write"
      button="Return the report"
      act={(comments) => giveBack.mutateAsync({ comments })}
    />
  );
}
