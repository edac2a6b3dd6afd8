import { useState } from 'react';
import { type LoaderFunctionArgs, redirect } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button } from '../../components/ui/button';
import { AppLink, InsetText, NotificationBanner } from '../../components/ui/content';
import { ErrorSummary } from '../../components/ui/error-summary';
import { useResendConfirmation } from '../../features/accounts/api/accounts';
import { isApiError } from '../../lib/api-client';
import { requireMe } from '../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireMe(request, { allowUnconfirmed: true });
  if (me.emailVerified) throw redirect('/');
  return { email: me.email };
}

/** Where a signed-in account goes until its address is confirmed: it can do nothing else yet. */
export function Component() {
  const resend = useResendConfirmation();
  const [error, setError] = useState<string | null>(null);

  const onResend = async () => {
    setError(null);
    try {
      await resend.mutateAsync();
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Sorry, something went wrong. Try again.');
    }
  };

  return (
    <Page title="Confirm your email address" hasError={error !== null}>
      <ErrorSummary errors={error ? [{ text: error }] : []} />
      {resend.isSuccess && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            We have sent a new email to {resend.data.email}.
          </p>
          <p className="govuk-body">The link in any earlier email no longer works.</p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Confirm your email address</h1>
      <p className="govuk-body">
        We sent you an email when you created your account. Open the link in it to confirm that the email
        address is yours. The link works for 3 days.
      </p>
      <p className="govuk-body">
        Until you confirm your email address, you cannot register your group or work on bids.
      </p>
      {resend.isSuccess && !resend.data.deliveryEnabled && (
        <InsetText>
          This service is running as a demo, so it does not send emails. An administrator can read the email
          and open its link on the “Sent mail” page.
        </InsetText>
      )}
      <h2 className="govuk-heading-m">If the email did not arrive</h2>
      <p className="govuk-body">Check your spam or junk folder. Or we can send it again.</p>
      <Button type="button" variant="secondary" onClick={onResend} disabled={resend.isPending}>
        Send the email again
      </Button>
      <p className="govuk-body">
        If the email address is wrong, <AppLink to="/account/email">change your email address</AppLink>.
      </p>
    </Page>
  );
}
