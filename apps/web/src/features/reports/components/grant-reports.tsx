import { formatDate, REPORT_KIND_LABELS } from '@cf/shared';
import { useQuery } from '@tanstack/react-query';
import { AppLink, SummaryList, Table } from '../../../components/ui/content';
import { grantReportsQueryOptions } from '../api/reports';
import { RagTag, ReportStateTag } from './status';

/** The "Reports" section of a grant's page: each report with its due date and state; staff see the rating too. */
export function GrantReportsSection({ grantId }: { grantId: string }) {
  const { data } = useQuery(grantReportsQueryOptions(grantId));
  if (!data || data.reports.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Reports</h2>
      <Table
        caption="Reports on the project"
        captionSize="s"
        rowKey={(r) => r.id}
        rows={data.reports}
        columns={[
          {
            header: 'Report',
            cell: (r) => <AppLink to={`/reports/${r.id}`}>{REPORT_KIND_LABELS[r.kind]}</AppLink>,
          },
          { header: 'Due', cell: (r) => formatDate(r.dueOn) },
          { header: 'State', cell: (r) => <ReportStateTag state={r.state} /> },
        ]}
      />
      {data.rating && (
        <SummaryList
          rows={[
            {
              key: 'Rating',
              value: (
                <>
                  <RagTag rating={data.rating.rating} />
                  <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                    By {data.rating.ratedByName} on {formatDate(data.rating.ratedAt)}
                    {data.rating.reason ? `: ${data.rating.reason}` : ''}
                  </p>
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
