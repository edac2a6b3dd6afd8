import type { AssignmentStatus } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Table } from '../../../components/ui/content';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { myAssignmentsQueryOptions } from '../../../features/assessment/api/assessment';
import { AssignmentStatusTag } from '../../../features/assessment/components/assignment-status';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.score' });
  await queryClient.ensureQueryData(myAssignmentsQueryOptions(pageParam(new URL(request.url).searchParams)));
  return null;
}

const NEXT: Record<AssignmentStatus, string> = {
  awaiting_declaration: 'Declare any conflict of interest',
  scoring: 'Score the bid',
  submitted: 'See your scores',
  conflict: 'Nothing to do: you declared a conflict',
  removed: 'Nothing to do',
  closed: 'Nothing to do: the bid went back to the group',
};

export function Component() {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(myAssignmentsQueryOptions(pageParam(search)));
  const open = data.toFinish;
  return (
    <Page title="Bids to assess" wide>
      <h1 className="govuk-heading-l">Bids to assess</h1>
      <p className="govuk-body">
        {open === 0
          ? 'You have nothing to do at the moment.'
          : `You have ${open} ${open === 1 ? 'bid' : 'bids'} to finish.`}{' '}
        For each bid, first tell us whether you have a conflict of interest. Then read the bid and score it
        against the fund’s criteria.
      </p>
      {data.assignments.length > 0 && (
        <Table
          caption={data.total > data.assignments.length ? showing(data, 'bids') : 'Your bids'}
          captionSize="s"
          rowKey={(a) => a.id}
          rows={data.assignments}
          columns={[
            {
              header: 'Bid',
              cell: (a) => (
                <>
                  <AppLink to={`/assess/${a.id}`}>{a.bidTitle ?? 'Untitled bid'}</AppLink>
                  <br />
                  <span className="govuk-body-s app-muted">
                    {a.bidReference}, {a.organisationName}, {a.fundName}
                  </span>
                </>
              ),
            },
            {
              header: 'Status',
              cell: (a) => <AssignmentStatusTag status={a.status} />,
            },
            { header: 'What to do', cell: (a) => NEXT[a.status] },
          ]}
        />
      )}
      <Pagination info={data} label="Pages of bids to assess" />
    </Page>
  );
}
