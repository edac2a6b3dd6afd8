import { REFUSAL_AUDIT_WINDOW_SECONDS } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Table } from '../../../components/ui/content';
import { CursorPagination } from '../../../components/ui/pagination';
import { auditQueryOptions } from '../../../features/audit/api/audit';
import { formatDateTime } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

function beforeParam(search: URLSearchParams): number | undefined {
  const value = Number(search.get('before'));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'audit.read' });
  await queryClient.ensureQueryData(auditQueryOptions(beforeParam(new URL(request.url).searchParams)));
  return null;
}

function refusedTimes(count: number): string {
  return `Refused ${count} times within ${REFUSAL_AUDIT_WINDOW_SECONDS / 60} minute of the first, from the same address`;
}

function describe(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 1);
}

export function Component() {
  const [search] = useSearchParams();
  const before = beforeParam(search);
  const { data } = useSuspenseQuery(auditQueryOptions(before));
  return (
    <Page title="Audit trail" wide>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every change and every refused request, newest first, 100 to a page. Entries can never be changed or
        deleted. Refusals of the same thing by the same person from the same address within a minute share one
        entry, which says how many there were.
      </p>
      <Table
        caption="Events"
        captionSize="s"
        rowKey={(e) => String(e.id)}
        rows={data.events}
        columns={[
          { header: 'When', cell: (e) => formatDateTime(e.at) },
          { header: 'Who', cell: (e) => e.actorName ?? (e.actorId ? 'Unknown user' : 'The system') },
          { header: 'What', cell: (e) => e.action },
          { header: 'On', cell: (e) => `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}` },
          {
            header: 'Details',
            cell: (e) => (
              <span className="app-pre-wrap govuk-body-s">
                {[
                  describe(e.before) && `Before: ${describe(e.before)}`,
                  describe(e.after) && `After: ${describe(e.after)}`,
                  e.refusals !== null && e.refusals > 1 && refusedTimes(e.refusals),
                  e.reason,
                ]
                  .filter(Boolean)
                  .join('\n')}
              </span>
            ),
          },
        ]}
      />
      <CursorPagination
        label="Pages of events"
        previous={before ? { to: '/admin/audit', text: 'Newest events' } : undefined}
        next={
          data.nextBefore ? { to: `/admin/audit?before=${data.nextBefore}`, text: 'Older events' } : undefined
        }
      />
    </Page>
  );
}
