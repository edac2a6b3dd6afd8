import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button, ButtonLink } from '../../components/ui/button';
import { AppLink, Panel } from '../../components/ui/content';
import { afterConfirming, useConfirmEmail } from '../../features/accounts/api/accounts';
import { meQueryOptions } from '../../features/auth/api/me';
import { isApiError } from '../../lib/api-client';
import { queryClient } from '../../lib/query-client';

export async function loader(_: LoaderFunctionArgs) {
  await queryClient.ensureQueryData(meQueryOptions());
  return null;
}

/**
 * The page the link in a new account's email opens. Confirming is a button, not the visit itself:
 * mail scanners open links too, and must not confirm an address for someone.
 */
export function Component() {
  const { token = '' } = useParams();
  const { data: me } = useQuery(meQueryOptions());
  const confirm = useConfirmEmail();
  const [next] = useState(() => afterConfirming.recall() ?? '/');

  if (confirm.isSuccess) {
    const signedInHere = me?.email === confirm.data.email;
    return (
      <Page title="Email address confirmed">
        <Panel title="Email address confirmed">{confirm.data.email}</Panel>
        <p className="govuk-body">Thank you. Your account is ready to use.</p>
        {signedInHere ? (
          <ButtonLink to={next}>Continue</ButtonLink>
        ) : (
          <>
            <p className="govuk-body">Sign in with your email address and password to carry on.</p>
            <ButtonLink to={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</ButtonLink>
          </>
        )}
      </Page>
    );
  }

  if (confirm.isError) {
    const gone = isApiError(confirm.error, 404);
    return (
      <Page title="This link does not work">
        <h1 className="govuk-heading-l">This link does not work</h1>
        <p className="govuk-body">
          {gone
            ? 'The link may have expired (links work for 3 days) or may have been used already.'
            : 'Sorry, something went wrong. Try again later.'}
        </p>
        <p className="govuk-body">
          If your email address is not confirmed yet,{' '}
          <AppLink to="/confirm-email">ask for a new link</AppLink>. You will need to sign in first.
        </p>
      </Page>
    );
  }

  return (
    <Page title="Confirm your email address">
      <h1 className="govuk-heading-l">Confirm your email address</h1>
      <p className="govuk-body">Select the button to confirm that this email address is yours.</p>
      <Button type="button" onClick={() => confirm.mutate(token)} disabled={confirm.isPending}>
        Confirm email address
      </Button>
    </Page>
  );
}
