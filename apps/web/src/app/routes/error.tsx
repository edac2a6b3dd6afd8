import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Page } from '../../components/layout/page';
import { isApiError } from '../../lib/api-client';

export function NotFoundContent() {
  return (
    <Page title="Page not found">
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the Communities Fund home page
        </Link>
      </p>
    </Page>
  );
}

function ForbiddenContent() {
  return (
    <Page title="You do not have permission to see this page">
      <h1 className="govuk-heading-l">You do not have permission to see this page</h1>
      <p className="govuk-body">Your account does not have the role this page needs.</p>
      <p className="govuk-body">
        If you think you should have access, contact the grants team at communitiesfund@peterborough.gov.uk.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your home page
        </Link>
      </p>
    </Page>
  );
}

/** The friendly error page for anything a page could not show: 404, 403 or a fault of ours. */
export function RouteError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : isApiError(error) ? error.status : 500;
  if (status === 404) return <NotFoundContent />;
  if (status === 403) return <ForbiddenContent />;
  if (status === 0) {
    return (
      <Page title="We could not reach the service">
        <h1 className="govuk-heading-l">We could not reach the service</h1>
        <p className="govuk-body">Check your internet connection, then reload the page.</p>
      </Page>
    );
  }
  return (
    <Page title="Sorry, there is a problem with the service">
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later. Anything you saved is safe.</p>
      <p className="govuk-body">
        If it keeps happening, contact the grants team at communitiesfund@peterborough.gov.uk or call 01733
        747474.
      </p>
    </Page>
  );
}
