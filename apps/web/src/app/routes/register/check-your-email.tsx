import type { AccountEmailSent } from '@cf/shared';
import { useLocation } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink } from '../../../components/ui/content';
import { CheckYourEmail } from '../../../features/accounts/components/check-your-email';

/** After creating an account: the same page whether or not the address already had one. */
export function Component() {
  const sent = useLocation().state as AccountEmailSent | null;
  return (
    <Page title="Check your email">
      <h1 className="govuk-heading-l">Check your email</h1>
      <CheckYourEmail
        email={sent?.email ?? null}
        deliveryEnabled={sent?.deliveryEnabled ?? null}
        purpose="confirm your email address"
        lasts="3 days"
      >
        <p className="govuk-body">
          You can <AppLink to="/sign-in">sign in</AppLink> and ask us to send the email again. Until you
          confirm your email address, your account cannot do anything else.
        </p>
      </CheckYourEmail>
    </Page>
  );
}
