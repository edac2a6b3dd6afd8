import { formatDate } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, SummaryList } from '../../../components/ui/content';
import { grantQueryOptions } from '../../../features/grants/api/grants';
import { OfferTerms } from '../../../features/grants/components/terms';
import { formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(grantQueryOptions(params.grantId ?? ''));
  return null;
}

/**
 * The grant agreement: everything the group agrees to, on one page that prints cleanly on A4 (the
 * print styles in main.scss hide the header, navigation and footer). No PDF: the browser prints it.
 */
export function Component() {
  const { grantId = '' } = useParams();
  const { data: grant } = useSuspenseQuery(grantQueryOptions(grantId));
  useEffect(() => {
    document.body.classList.add('app-agreement-page');
    return () => document.body.classList.remove('app-agreement-page');
  }, []);
  return (
    <Page title="Grant agreement" before={<BackLink to={`/grants/${grant.id}`}>Back to the grant</BackLink>}>
      <span className="govuk-caption-l">Peterborough City Council, {grant.fundName}</span>
      <h1 className="govuk-heading-l">Grant agreement</h1>
      <p className="govuk-body app-no-print">
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          Print the agreement
        </Button>
      </p>
      <SummaryList
        rows={[
          { key: 'Group', value: grant.organisationName },
          { key: 'Project', value: grant.title ?? 'Untitled project' },
          { key: 'Bid reference', value: grant.reference ?? '—' },
          { key: 'Grant', value: <strong>{formatPence(grant.awardPence)}</strong> },
          { key: 'What the grant is for', value: grant.purpose },
          {
            key: 'Answer by',
            value: grant.offerDeadline
              ? formatDate(grant.offerDeadline)
              : '28 days after the offer is issued',
          },
        ]}
      />
      <OfferTerms grant={grant} />
      <h2 className="govuk-heading-m">Acceptance</h2>
      {grant.acceptance ? (
        <p className="govuk-body app-agreement__signature">
          Accepted for {grant.organisationName} by <strong>{grant.acceptance.fullName}</strong>,{' '}
          {grant.acceptance.role}, on {formatDate(grant.acceptance.at)}.
        </p>
      ) : (
        <p className="govuk-body app-agreement__signature">
          A member of the group accepts this agreement on the grant’s page, with their full name and role in
          the group.
        </p>
      )}
    </Page>
  );
}
