import { isToDo, londonToday } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { myAssignmentsQueryOptions } from '../../../features/assessment/api/assessment';
import { AssignmentList } from '../../../features/assessment/components/assignment-list';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.score' });
  await queryClient.ensureQueryData(myAssignmentsQueryOptions(pageParam(new URL(request.url).searchParams)));
  return null;
}

/**
 * The assessor's bids: those still to do first, the nearest scoring deadline first, then those
 * done. The API gives them in that order a page at a time; this page splits the page it shows.
 */
export function Component() {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(myAssignmentsQueryOptions(pageParam(search)));
  const open = data.toFinish;
  const done = data.total - open;
  const toDo = data.assignments.filter((a) => isToDo(a.status));
  const finished = data.assignments.filter((a) => !isToDo(a.status));
  const today = londonToday();
  const paged = data.total > data.assignments.length;
  return (
    <Page title="Bids to assess">
      <h1 className="govuk-heading-l">Bids to assess</h1>
      <p className="govuk-body">
        {open === 0
          ? 'You have nothing to do at the moment.'
          : `You have ${open} ${open === 1 ? 'bid' : 'bids'} to finish. The ones due soonest are first.`}
      </p>
      {open > 0 && (
        <p className="govuk-body">
          For each bid, first tell us whether you have a conflict of interest. Then read the bid and score it
          against the fund’s criteria.
        </p>
      )}
      {paged && <p className="govuk-body-s app-muted">{showing(data, 'bids')}</p>}
      {toDo.length > 0 && (
        <>
          <h2 className="govuk-heading-m">To do ({open})</h2>
          <AssignmentList assignments={toDo} today={today} showDue />
        </>
      )}
      {finished.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Done ({done})</h2>
          <AssignmentList assignments={finished} today={today} showDue={false} />
        </>
      )}
      <Pagination info={data} label="Pages of bids to assess" />
    </Page>
  );
}
