import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useLocation } from 'react-router';
import { Page } from '../../../components/layout/page';
import { ButtonLink } from '../../../components/ui/button';
import { AppLink, NotificationBanner, SummaryList, Tag } from '../../../components/ui/content';
import { meQueryOptions } from '../../../features/auth/api/me';
import { MY_DATA_URL } from '../../../features/privacy/api/privacy';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request, { allowUnconfirmed: true });
  return null;
}

/** "Your account": reached from the header by everyone signed in. */
export function Component() {
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const done = (useLocation().state as { done?: string } | null)?.done;
  if (!me) return null;
  return (
    <Page title="Your account">
      {done && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{done}</p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Your account</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: me.name },
          {
            key: 'Email address',
            value: (
              <>
                {me.email}
                {!me.emailVerified && (
                  <>
                    {' '}
                    <Tag colour="yellow">Not confirmed</Tag>
                  </>
                )}
              </>
            ),
            action: { to: '/account/email', text: 'Change', hidden: 'email address' },
          },
          {
            key: 'Password',
            value: (
              <>
                <span aria-hidden="true">••••••••••••</span>
                <span className="govuk-visually-hidden">Hidden</span>
              </>
            ),
            action: { to: '/account/password', text: 'Change', hidden: 'password' },
          },
        ]}
      />
      {!me.emailVerified && (
        <p className="govuk-body">
          <AppLink to="/confirm-email">Confirm your email address</AppLink> to start using your account.
        </p>
      )}
      {/* Personal data (decision 0026) */}
      <h2 className="govuk-heading-m">Your data</h2>
      <p className="govuk-body">
        Download everything this service holds about you, as a file you can open in a text editor (JSON). It
        holds nobody else’s details. <AppLink to="/privacy">How we use your information</AppLink>.
      </p>
      <a
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        href={MY_DATA_URL}
        download
      >
        Download your data
      </a>
      <h2 className="govuk-heading-m">Sign out everywhere</h2>
      <p className="govuk-body">
        If you have lost a phone, or signed in on a computer other people use, you can sign out on every
        device at once.
      </p>
      <ButtonLink to="/account/sign-out-everywhere" variant="secondary">
        Sign out everywhere
      </ButtonLink>
    </Page>
  );
}
