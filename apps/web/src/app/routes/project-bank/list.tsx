import { NEED_SOURCES } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Form, type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { AppLink } from '../../../components/ui/content';
import { Select } from '../../../components/ui/form';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { meQueryOptions } from '../../../features/auth/api/me';
import { needsQueryOptions } from '../../../features/needs/api/needs';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { can } from '../../../lib/authorization';
import { formatDate } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';

export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const wardId = search.get('wardId') || undefined;
  await Promise.all([
    queryClient.ensureQueryData(needsQueryOptions(wardId, pageParam(search))),
    queryClient.ensureQueryData(referenceQueryOptions()),
  ]);
  return null;
}

export function Component() {
  const [search] = useSearchParams();
  const wardId = search.get('wardId') || undefined;
  const { data } = useSuspenseQuery(needsQueryOptions(wardId, pageParam(search)));
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  return (
    <Page title="Project bank">
      <h1 className="govuk-heading-l">Project bank</h1>
      <p className="govuk-body">
        Needs that local people told the council about, through community consultation and needs assessments.
        Your group can bid to meet one of them: say so in the “Evidence of need” part of your bid.
      </p>
      {can(me, { action: 'need.manage' }) && <ButtonLink to="/project-bank/new">Record a need</ButtonLink>}
      <Form method="get" className="govuk-!-margin-bottom-6">
        <Select
          id="wardId"
          label="Show needs in"
          defaultValue={wardId ?? ''}
          options={[
            { value: '', text: 'Every ward' },
            ...reference.wards.map((w) => ({ value: w.id, text: w.name })),
          ]}
        />
        <Button variant="secondary">Show needs</Button>
      </Form>
      {data.total > data.needs.length && <p className="govuk-body">{showing(data, 'needs')}</p>}
      {data.total === 0 ? (
        <p className="govuk-body">There are no needs recorded for this ward yet.</p>
      ) : data.needs.length === 0 ? (
        <p className="govuk-body">
          There are no needs on this page. <AppLink to="/project-bank">Go to the first page</AppLink>.
        </p>
      ) : (
        data.needs.map((need) => (
          <div key={need.id} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{need.title}</h2>
            <p className="govuk-body-s app-muted govuk-!-margin-bottom-1">
              {need.wardName}. {NEED_SOURCES[need.source]}
              {need.sourceDetail ? `: ${need.sourceDetail}` : ''}, {formatDate(need.identifiedOn)}
            </p>
            <p className="govuk-body">{need.description}</p>
          </div>
        ))
      )}
      <Pagination info={data} label="Pages of needs" />
    </Page>
  );
}
