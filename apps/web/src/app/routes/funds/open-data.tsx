import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, InsetText } from '../../../components/ui/content';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { qualityReportQueryOptions } from '../../../features/opendata/api/opendata';
import { formatPence, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

/**
 * A fund's open data (decision 0025): what the council publishes, the three files, and the
 * built-in quality check run on them before anyone else sees them. Officers and admins.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'opendata.check' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(qualityReportQueryOptions(fundId)),
  ]);
  return null;
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: report } = useSuspenseQuery(qualityReportQueryOptions(fundId));
  const files = [
    {
      href: `/api/funds/${fund.id}/360giving.json`,
      text: '360Giving data (JSON)',
      hint: 'The 360Giving Data Standard’s package, for GrantNav and other 360Giving tools.',
    },
    {
      href: `/api/funds/${fund.id}/360giving.csv`,
      text: '360Giving data (CSV spreadsheet)',
      hint: 'The same grants, one a row, with the standard’s column titles.',
    },
    {
      href: `/api/funds/${fund.id}/transparency.csv`,
      text: 'Transparency Code grants (CSV spreadsheet)',
      hint: 'The same grants with the fields the Local Government Transparency Code 2015 asks for.',
    },
  ];
  return (
    <Page title={`${fund.name} open data`} before={<BackLink to={`/funds/${fund.id}`}>Back</BackLink>}>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Open data</h1>
      <p className="govuk-body">
        The council publishes the grants it has made from this fund for anyone to use:{' '}
        {plural(report.grantsPublished, 'grant')}, {formatPence(report.totalAwardedPence)} in all. These files
        are public: anyone can open them without signing in.
      </p>
      <p className="govuk-body">Each grant shows:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the project’s title and what the grant is for (its purpose on the offer)</li>
        <li>how much the group asked for, was awarded and has been paid so far</li>
        <li>when it was awarded, and when the project runs</li>
        <li>the group’s name, and its charity, company or school number if it has one</li>
        <li>the wards it helps, with their official codes, and its main priority</li>
      </ul>
      <InsetText>
        Open data never includes people’s names, email addresses, phone numbers or home addresses, or bank
        details. Offers a group declined are left out: the council did not make those grants.
      </InsetText>

      <h2 className="govuk-heading-m">Download</h2>
      <ul className="govuk-list">
        {files.map((file) => (
          <li key={file.href}>
            <a className="govuk-link" href={file.href} download>
              {file.text}
            </a>
            <p className="govuk-body-s govuk-!-margin-bottom-2">{file.hint}</p>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">Quality check</h2>
      <p className="govuk-body">
        Before you publish, we run {report.checksRun} checks like the ones in 360Giving’s Data Quality Tool on
        this data.
      </p>
      {report.findings.length === 0 ? (
        <p className="govuk-body govuk-!-font-weight-bold">No problems found.</p>
      ) : (
        <>
          <p className="govuk-body govuk-!-font-weight-bold">
            {plural(report.findings.length, 'problem')} found. Fix them before you publish.
          </p>
          {report.findings.map((finding) => (
            <section key={finding.check} aria-labelledby={`finding-${finding.check}`}>
              <h3 className="govuk-heading-s" id={`finding-${finding.check}`}>
                {finding.title}: {plural(finding.grants.length, 'grant')}
              </h3>
              <p className="govuk-body">{finding.why}</p>
              <p className="govuk-body">
                <strong>How to fix it:</strong> {finding.fix}
              </p>
              <ul className="govuk-list govuk-list--bullet">
                {finding.grants.map((grant) => (
                  <li key={grant.grantId}>
                    <AppLink to={`/grants/${grant.grantId}`}>{grant.title || grant.identifier}</AppLink>{' '}
                    <span className="govuk-body-s">({grant.identifier})</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
