import { useQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button, ButtonLink } from '../../components/ui/button';
import { AppLink, Panel } from '../../components/ui/content';
import { useConfirmNewEmail } from '../../features/accounts/api/accounts';
import { meQueryOptions } from '../../features/auth/api/me';
import { isApiError } from '../../lib/api-client';
import { queryClient } from '../../lib/query-client';

export async function loader(_: LoaderFunctionArgs) {
  await queryClient.ensureQueryData(meQueryOptions());
  return null;
}

/** The page the link sent to a new email address opens: a button makes the change. */
export function Component() {
  const { token = '' } = useParams();
  const { data: me } = useQuery(meQueryOptions());
  const confirm = useConfirmNewEmail();

  if (confirm.isSuccess) {
    return (
      <Page title="Email address changed">
        <Panel title="Email address changed">{confirm.data.email}</Panel>
        <p className="govuk-body">From now on, sign in with {confirm.data.email}.</p>
        {me ? (
          <ButtonLink to="/account">Go to your account</ButtonLink>
        ) : (
          <ButtonLink to="/sign-in">Sign in</ButtonLink>
        )}
      </Page>
    );
  }

  if (confirm.isError) {
    return (
      <Page title="Your email address has not changed">
        <h1 className="govuk-heading-l">Your email address has not changed</h1>
        <p className="govuk-body">
          {isApiError(confirm.error, 404)
            ? 'The link may have expired (links work for 3 days) or may have been used already.'
            : isApiError(confirm.error)
              ? confirm.error.message
              : 'Sorry, something went wrong. Try again later.'}
        </p>
        <p className="govuk-body">
          <AppLink to="/account/email">Ask for a new link</AppLink>. You will need to sign in first.
        </p>
      </Page>
    );
  }

  return (
    <Page title="Confirm your new email address">
      <h1 className="govuk-heading-l">Confirm your new email address</h1>
      <p className="govuk-body">
        Select the button to confirm that this email address is yours, and sign in with it from now on.
      </p>
      <Button type="button" onClick={() => confirm.mutate(token)} disabled={confirm.isPending}>
        Confirm new email address
      </Button>
    </Page>
  );
}
