import { INSTALMENT_TRIGGER_LABELS } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Table } from '../../../components/ui/content';
import { paymentsWaitingQueryOptions } from '../../../features/payments/api/payments';
import { formatDateTime, formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'payment.approve' });
  await queryClient.ensureQueryData(paymentsWaitingQueryOptions());
  return null;
}

/** Finance: payments officers have asked for, waiting for someone else's approval, with who asked. */
export function Component() {
  const { data } = useSuspenseQuery(paymentsWaitingQueryOptions());
  return (
    <Page title="Payments waiting for approval" wide>
      <h1 className="govuk-heading-l">Payments waiting for approval</h1>
      <p className="govuk-body">
        <AppLink to="/finance/bank-accounts">Bank details to check</AppLink>
      </p>
      {data.payments.length === 0 ? (
        <p className="govuk-body">No payments are waiting for approval.</p>
      ) : (
        <Table
          caption="Waiting for approval"
          rowKey={(p) => p.id}
          rows={data.payments}
          columns={[
            {
              header: 'Grant',
              cell: (p) => (
                <AppLink to={`/grants/${p.grantId}/payments`}>
                  {p.bidReference ?? 'Grant'}: {p.organisationName}
                </AppLink>
              ),
            },
            { header: 'Amount', cell: (p) => formatPence(p.amountPence), numeric: true },
            { header: 'For', cell: (p) => INSTALMENT_TRIGGER_LABELS[p.trigger] },
            { header: 'Asked for by', cell: (p) => p.requestedByName },
            { header: 'When', cell: (p) => formatDateTime(p.requestedAt) },
            { header: 'To', cell: (p) => p.payee },
          ]}
        />
      )}
    </Page>
  );
}
