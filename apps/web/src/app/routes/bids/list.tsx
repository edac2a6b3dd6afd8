import { BID_STATUS_LABELS, BidStatus } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Form, type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { AppLink, Table } from '../../../components/ui/content';
import { Select } from '../../../components/ui/form';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { meQueryOptions } from '../../../features/auth/api/me';
import { bidsQueryOptions } from '../../../features/bids/api/bids';
import { BidStatusTag } from '../../../features/bids/components/status';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { can } from '../../../lib/authorization';
import { formatDateTime, formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

function statusFilter(search: URLSearchParams): BidStatus | undefined {
  const parsed = BidStatus.safeParse(search.get('status'));
  return parsed.success ? parsed.data : undefined;
}

/** The fund the list is narrowed to (a link from the officer's home page), if the address names one. */
function fundFilter(search: URLSearchParams): string | undefined {
  const parsed = z.uuid().safeParse(search.get('fundId'));
  return parsed.success ? parsed.data : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request);
  const search = new URL(request.url).searchParams;
  await Promise.all([
    queryClient.ensureQueryData(
      bidsQueryOptions({ status: statusFilter(search), fundId: fundFilter(search), page: pageParam(search) }),
    ),
    queryClient.ensureQueryData(fundsQueryOptions()),
  ]);
  return null;
}

export function Component() {
  const [search] = useSearchParams();
  const status = statusFilter(search);
  const fundId = fundFilter(search);
  const { data } = useSuspenseQuery(bidsQueryOptions({ status, fundId, page: pageParam(search) }));
  const { data: funds } = useSuspenseQuery(fundsQueryOptions());
  const fund = funds.funds.find((f) => f.id === fundId);
  const { data: me } = useQuery(meQueryOptions());
  const staff = can(me, { action: 'bid.list_all' });
  const filters = new URLSearchParams(search);
  filters.delete('page');
  const firstPage = staff && filters.size > 0 ? `/bids?${filters}` : '/bids';
  const title = staff ? 'Bids' : 'Your bids';
  return (
    <Page title={title} wide>
      <h1 className="govuk-heading-l">{title}</h1>
      {!staff && <ButtonLink to="/funds">Start a new bid</ButtonLink>}
      {staff && (
        <Form method="get" className="govuk-!-margin-bottom-6">
          <Select
            id="status"
            label="Show bids that are"
            defaultValue={status ?? ''}
            options={[
              { value: '', text: 'Any status' },
              ...BidStatus.options.map((s) => ({ value: s, text: BID_STATUS_LABELS[s] })),
            ]}
          />
          {fundId && <input type="hidden" name="fundId" value={fundId} />}
          <Button variant="secondary">Show bids</Button>
        </Form>
      )}
      {staff && fund && (
        <p className="govuk-body">
          Bids to the {fund.name} only.{' '}
          <AppLink to={status ? `/bids?status=${status}` : '/bids'}>Show every fund’s bids</AppLink>
        </p>
      )}
      {data.total === 0 ? (
        <p className="govuk-body">{staff ? 'No bids match.' : 'Your group has no bids yet.'}</p>
      ) : data.bids.length === 0 ? (
        <p className="govuk-body">
          There are no bids on this page. <AppLink to={firstPage}>Go to the first page</AppLink>.
        </p>
      ) : (
        <Table
          caption={data.total > data.bids.length ? showing(data, 'bids') : plural(data.total, 'bid')}
          captionSize="s"
          rowKey={(b) => b.id}
          rows={data.bids}
          columns={[
            {
              header: 'Bid',
              cell: (b) => (
                <>
                  <AppLink to={`/bids/${b.id}`}>{b.title ?? 'Untitled bid'}</AppLink>
                  <br />
                  <span className="govuk-body-s app-muted">
                    {b.reference ?? 'No reference yet'}
                    {staff ? `, ${b.organisationName}` : ''}
                  </span>
                </>
              ),
            },
            {
              header: 'Status',
              cell: (b) => <BidStatusTag status={b.status} returned={b.returnMessage !== null} />,
            },
            { header: 'Asking for', cell: (b) => formatPence(b.amountRequestedPence), numeric: true },
            {
              header: 'What happens next',
              cell: (b) => (
                <>
                  {b.nextAction}
                  {b.status === 'draft' && !staff && (
                    <>
                      <br />
                      <span className="govuk-body-s app-muted">Deadline: {formatDateTime(b.closesAt)}</span>
                    </>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      <Pagination info={data} label="Pages of bids" />
    </Page>
  );
}
