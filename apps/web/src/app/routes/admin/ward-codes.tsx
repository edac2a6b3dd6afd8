import { useSuspenseQuery } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, Table } from '../../../components/ui/content';
import { wardCodesQueryOptions } from '../../../features/opendata/api/opendata';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

/** The ONS codes wards are published with in open data (decision 0025): admins keep them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'opendata.ward_codes' });
  await queryClient.ensureQueryData(wardCodesQueryOptions());
  return null;
}

export function Component() {
  const { data } = useSuspenseQuery(wardCodesQueryOptions());
  return (
    <Page title="Ward codes for open data" before={<BackLink to="/">Home</BackLink>}>
      <h1 className="govuk-heading-l">Ward codes for open data</h1>
      <p className="govuk-body">
        Open data names the place each grant helps by its official code from the Office for National
        Statistics: ward codes start with E05. City-wide grants are published with the council’s own area code
        (E06000031 for Peterborough). A ward without a code is published by name only, and the quality check
        points it out.
      </p>
      <Table
        caption="Wards and their codes"
        rowKey={(w) => w.id}
        rows={data.wards}
        columns={[
          { header: 'Ward', cell: (w) => w.name },
          { header: 'ONS code', cell: (w) => w.code ?? 'Not entered' },
          {
            header: 'Action',
            cell: (w) => (
              <AppLink to={`/admin/ward-codes/${w.id}`}>
                Change<span className="govuk-visually-hidden"> the code of {w.name}</span>
              </AppLink>
            ),
          },
        ]}
      />
    </Page>
  );
}
