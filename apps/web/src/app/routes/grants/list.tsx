import { GRANT_STATUS_LABELS, GrantListQuery, GrantOfferFilter, GrantStatus } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, Table } from '../../../components/ui/content';
import { FilterForm } from '../../../components/ui/filter-form';
import { Select } from '../../../components/ui/form';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { type GrantFilters, grantsQueryOptions } from '../../../features/grants/api/grants';
import { OfferStateTag } from '../../../features/grants/components/status';
import { can } from '../../../lib/authorization';
import { formatDate, formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

const OFFER_FILTER_LABELS: Record<GrantOfferFilter, string> = {
  to_issue: 'Offers to issue',
  overdue: 'Offers overdue',
};

/** The list's filters as the address gives them; anything the API would refuse is left out. */
function filtersOf(search: URLSearchParams): GrantFilters {
  const field = <T,>(schema: { safeParse(value: unknown): { success: boolean; data?: T } }, key: string) => {
    const value = search.get(key);
    if (value === null || value === '') return undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    fundId: field<string>(GrantListQuery.shape.fundId, 'fundId'),
    status: field<GrantStatus>(GrantStatus, 'status'),
    offer: field<GrantOfferFilter>(GrantOfferFilter, 'offer'),
    page: pageParam(search),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireMe(request);
  const search = new URL(request.url).searchParams;
  const staff = can(me, { action: 'grant.list_all' });
  await Promise.all([
    queryClient.ensureQueryData(grantsQueryOptions(staff ? filtersOf(search) : { page: pageParam(search) })),
    staff ? queryClient.ensureQueryData(fundsQueryOptions()) : null,
  ]);
  return null;
}

function GrantFilterForm({ filters }: { filters: GrantFilters }) {
  const { data: funds } = useQuery(fundsQueryOptions());
  return (
    <FilterForm path="/grants" title="Find grants">
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
        id="status"
        label="Show grants that are"
        defaultValue={filters.status ?? ''}
        options={[
          { value: '', text: 'Any status' },
          ...GrantStatus.options.map((s) => ({ value: s, text: GRANT_STATUS_LABELS[s] })),
        ]}
      />
      <Select
        id="offer"
        label="Offers"
        defaultValue={filters.offer ?? ''}
        options={[
          { value: '', text: 'Every offer' },
          ...GrantOfferFilter.options.map((o) => ({ value: o, text: OFFER_FILTER_LABELS[o] })),
        ]}
      />
      <Button variant="secondary">Show grants</Button>
    </FilterForm>
  );
}

/** Grants: for staff every grant (by fund, status, offers to issue or overdue); for a group its own. */
export function Component() {
  const [search] = useSearchParams();
  const { data: me } = useQuery(meQueryOptions());
  const staff = can(me, { action: 'grant.list_all' });
  const filters = staff ? filtersOf(search) : { page: pageParam(search) };
  const { data } = useSuspenseQuery(grantsQueryOptions(filters));
  const title = staff ? 'Grants' : 'Your grants';
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
  return (
    <Page title={title} wide>
      <h1 className="govuk-heading-l">{title}</h1>
      {staff && <GrantFilterForm key={search.toString()} filters={filters} />}
      {data.total === 0 ? (
        <p className="govuk-body">
          {staff ? 'No grants match.' : 'Your group has no grants yet.'}
          {staff && filtered && (
            <>
              {' '}
              <AppLink to="/grants">Show every grant</AppLink>.
            </>
          )}
        </p>
      ) : data.grants.length === 0 ? (
        <p className="govuk-body">
          There are no grants on this page. <AppLink to="/grants">Go to the first page</AppLink>.
        </p>
      ) : (
        <Table
          caption={data.total > data.grants.length ? showing(data, 'grants') : plural(data.total, 'grant')}
          captionSize="s"
          rowKey={(g) => g.id}
          rows={data.grants}
          columns={[
            {
              header: 'Grant',
              cell: (g) => (
                <>
                  <AppLink to={`/grants/${g.id}`}>{g.title ?? 'Untitled project'}</AppLink>
                  <br />
                  <span className="govuk-body-s app-muted">
                    {g.reference ?? ''}
                    {staff ? `, ${g.organisationName}` : ''}
                  </span>
                </>
              ),
            },
            { header: 'Offer', cell: (g) => <OfferStateTag grant={g} /> },
            { header: 'Award', cell: (g) => formatPence(g.awardPence), numeric: true },
            {
              header: 'Answer by',
              cell: (g) => (g.offerDeadline && g.offerState === 'issued' ? formatDate(g.offerDeadline) : '—'),
            },
          ]}
        />
      )}
      <Pagination info={data} label="Pages of grants" />
    </Page>
  );
}
