import {
  BID_SEARCH_MAX,
  BID_SORTS,
  BID_STATUS_LABELS,
  BidListQuery,
  BidSort,
  BidStatus,
  type Fund,
} from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { AppLink, Table } from '../../../components/ui/content';
import { FilterForm } from '../../../components/ui/filter-form';
import { Select, TextInput } from '../../../components/ui/form';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { meQueryOptions } from '../../../features/auth/api/me';
import { type BidFilters, bidsQueryOptions } from '../../../features/bids/api/bids';
import { BidStatusTag } from '../../../features/bids/components/status';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { can } from '../../../lib/authorization';
import { formatAmountAsked, formatDateTime, formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

/** The list's filters as the address gives them; anything the API would refuse is left out. */
function filtersOf(search: URLSearchParams): BidFilters {
  const field = <T,>(schema: { safeParse(value: unknown): { success: boolean; data?: T } }, key: string) => {
    const value = search.get(key);
    if (value === null || value === '') return undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const sort = field<BidSort>(BidSort, 'sort');
  return {
    status: field<BidStatus>(BidStatus, 'status'),
    fundId: field<string>(BidListQuery.shape.fundId, 'fundId'),
    round: field<number>(BidListQuery.shape.round, 'round'),
    q: field<string>(BidListQuery.shape.q, 'q'),
    sort: sort === 'updated' ? undefined : sort,
    page: pageParam(search),
  };
}

/** The funding rounds to offer: every year a fund is open in, newest first. */
function roundsOf(funds: readonly Fund[]): number[] {
  const years = new Set<number>();
  for (const fund of funds) {
    const from = Number(fund.opensAt.slice(0, 4));
    const to = Number(fund.closesAt.slice(0, 4));
    for (let year = from; year <= to && year - from < 10; year++) years.add(year);
  }
  return [...years].sort((a, b) => b - a);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireMe(request);
  const search = new URL(request.url).searchParams;
  const staff = can(me, { action: 'bid.list_all' });
  await Promise.all([
    queryClient.ensureQueryData(bidsQueryOptions(staff ? filtersOf(search) : { page: pageParam(search) })),
    staff ? queryClient.ensureQueryData(fundsQueryOptions()) : null,
  ]);
  return null;
}

/** Staff narrow the list down: words to find, fund, round, status, and the order. */
function BidFilterForm({ filters }: { filters: BidFilters }) {
  const { data: funds } = useQuery(fundsQueryOptions());
  return (
    <FilterForm path="/bids" title="Find bids" defaults={{ sort: 'updated' }}>
      <TextInput
        id="q"
        label="Search"
        hint="A reference, project name or group name, or part of one"
        defaultValue={filters.q ?? ''}
        maxLength={BID_SEARCH_MAX}
        type="search"
        spellCheck={false}
        autoComplete="off"
      />
      <Select
        id="fundId"
        label="Fund"
        defaultValue={filters.fundId ?? ''}
        options={[
          { value: '', text: 'Any fund' },
          ...(funds?.funds ?? []).map((fund) => ({ value: fund.id, text: fund.name })),
        ]}
      />
      <Select
        id="round"
        label="Round"
        hint="The year a bid was first sent"
        defaultValue={filters.round === undefined ? '' : String(filters.round)}
        options={[
          { value: '', text: 'Any round' },
          ...roundsOf(funds?.funds ?? []).map((year) => ({ value: String(year), text: String(year) })),
        ]}
      />
      <Select
        id="status"
        label="Show bids that are"
        defaultValue={filters.status ?? ''}
        options={[
          { value: '', text: 'Any status' },
          ...BidStatus.options.map((s) => ({ value: s, text: BID_STATUS_LABELS[s] })),
        ]}
      />
      <Select
        id="sort"
        label="Sort by"
        defaultValue={filters.sort ?? 'updated'}
        options={Object.entries(BID_SORTS).map(([value, text]) => ({ value, text }))}
      />
      <Button variant="secondary">Show bids</Button>
    </FilterForm>
  );
}

/** What was asked for and, once the panel has decided, what was awarded. */
function Amounts({ requested, awarded }: { requested: number; awarded: number | null }) {
  return (
    <>
      {formatAmountAsked(requested)}
      {awarded !== null && (
        <>
          <br />
          <span className="govuk-body-s">Awarded {formatPence(awarded)}</span>
        </>
      )}
    </>
  );
}

export function Component() {
  const [search] = useSearchParams();
  const { data: me } = useQuery(meQueryOptions());
  const staff = can(me, { action: 'bid.list_all' });
  const filters = staff ? filtersOf(search) : { page: pageParam(search) };
  const { data } = useSuspenseQuery(bidsQueryOptions(filters));
  const title = staff ? 'Bids' : 'Your bids';
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
  return (
    <Page title={title} wide>
      <h1 className="govuk-heading-l">{title}</h1>
      {!staff && <ButtonLink to="/funds">Start a new bid</ButtonLink>}
      {staff && <BidFilterForm key={search.toString()} filters={filters} />}
      {data.total === 0 ? (
        <p className="govuk-body">
          {staff ? 'No bids match.' : 'Your group has no bids yet.'}
          {staff && filtered && (
            <>
              {' '}
              <AppLink to="/bids">Show every bid</AppLink>.
            </>
          )}
        </p>
      ) : data.bids.length === 0 ? (
        <p className="govuk-body">
          There are no bids on this page. <AppLink to={firstPage(search)}>Go to the first page</AppLink>.
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
            {
              header: 'Asking for',
              cell: (b) => <Amounts requested={b.amountRequestedPence} awarded={b.amountAwardedPence} />,
              numeric: true,
            },
            {
              header: 'What happens next',
              cell: (b) => (
                <>
                  {b.nextAction}
                  {/* A returned bid's next step does not say when; a new draft's does already. */}
                  {b.status === 'draft' && b.returnMessage !== null && !staff && (
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

/** The same list from its first page. */
function firstPage(search: URLSearchParams): string {
  const rest = new URLSearchParams(search);
  rest.delete('page');
  const text = rest.toString();
  return `/bids${text ? `?${text}` : ''}`;
}
