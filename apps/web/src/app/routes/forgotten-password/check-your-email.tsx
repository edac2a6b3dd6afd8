import type { AccountEmailSent } from '@cf/shared';
import { useLocation } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink } from '../../../components/ui/content';
import { CheckYourEmail } from '../../../features/accounts/components/check-your-email';

/** After asking for a new password: the same page whether or not the address has an account. */
export function Component() {
  const sent = useLocation().state as AccountEmailSent | null;
  return (
    <Page title="Check your email">
      <h1 className="govuk-heading-l">Check your email</h1>
      <CheckYourEmail
        email={sent?.email ?? null}
        deliveryEnabled={sent?.deliveryEnabled ?? null}
        purpose="choose a new password"
        lasts="30 minutes"
        lead={
          <>
            If there is an account with {sent?.email ? <strong>{sent.email}</strong> : 'that email address'},
            we have sent an email to it: open the link in it to choose a new password.
          </>
        }
      >
        <p className="govuk-body">
          You can <AppLink to="/forgotten-password">ask for another link</AppLink>.
        </p>
      </CheckYourEmail>
    </Page>
  );
}
