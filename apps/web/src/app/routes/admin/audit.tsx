import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Table } from '../../../components/ui/content';
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

function describe(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 1);
}

export function Component() {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(auditQueryOptions(beforeParam(search)));
  return (
    <Page title="Audit trail" wide>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every change and every refused request, newest first. Entries can never be changed or deleted.
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
                  e.reason,
                ]
                  .filter(Boolean)
                  .join('\n')}
              </span>
            ),
          },
        ]}
      />
      {data.nextBefore && (
        <p className="govuk-body">
          <AppLink to={`/admin/audit?before=${data.nextBefore}`}>Older events</AppLink>
        </p>
      )}
    </Page>
  );
}
