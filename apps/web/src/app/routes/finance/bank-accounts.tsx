import { useSuspenseQuery } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Table } from '../../../components/ui/content';
import { bankToCheckQueryOptions } from '../../../features/payments/api/payments';
import { formatDateTime } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'bank.verify' });
  await queryClient.ensureQueryData(bankToCheckQueryOptions());
  return null;
}

/** Finance: groups' new or changed bank details, waiting for a call-back check before anything is paid. */
export function Component() {
  const { data } = useSuspenseQuery(bankToCheckQueryOptions());
  return (
    <Page title="Bank details to check">
      <h1 className="govuk-heading-l">Bank details to check</h1>
      <p className="govuk-body">
        Nothing is paid into a new or changed account until someone with the finance role has called the group
        back on a number from the council’s records from before the change. You cannot check details you gave
        yourself.
      </p>
      {data.accounts.length === 0 ? (
        <p className="govuk-body">There are no bank details waiting to be checked.</p>
      ) : (
        <Table
          caption="Waiting for a check"
          rowKey={(a) => a.id}
          rows={data.accounts}
          columns={[
            {
              header: 'Group',
              cell: (a) => <AppLink to={`/finance/bank-accounts/${a.id}`}>{a.organisationName}</AppLink>,
            },
            { header: 'Account', cell: (a) => `${a.accountName} ${a.sortCode} ${a.accountNumber}` },
            { header: 'Given by', cell: (a) => a.recordedByName },
            { header: 'When', cell: (a) => formatDateTime(a.recordedAt) },
          ]}
        />
      )}
    </Page>
  );
}
