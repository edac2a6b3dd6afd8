import type { AccountEmailSent } from '@cf/shared';
import { type LoaderFunctionArgs, useLocation } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink } from '../../../components/ui/content';
import { CheckYourEmail } from '../../../features/accounts/components/check-your-email';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request, { allowUnconfirmed: true });
  return null;
}

export function Component() {
  const sent = useLocation().state as AccountEmailSent | null;
  return (
    <Page title="Check your email">
      <h1 className="govuk-heading-l">Check your email</h1>
      <CheckYourEmail
        email={sent?.email ?? null}
        deliveryEnabled={sent?.deliveryEnabled ?? null}
        purpose="confirm your new email address"
        lasts="3 days"
      >
        <p className="govuk-body">
          Until you open the link, keep signing in with your current email address. We have also told your
          current address about the change.
        </p>
        <p className="govuk-body">
          <AppLink to="/account">Back to your account</AppLink>
        </p>
      </CheckYourEmail>
    </Page>
  );
}
