import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { Footer } from '../../components/layout/footer';
import { NotificationBanner } from '../../components/ui/content';
import { meQueryOptions } from '../../features/auth/api/me';
import { aboutQueryOptions } from '../../features/site/api/about';
import { OfflineBanner, PageLoading } from './connection';
import { Header } from './header';

/**
 * After moving to another page, put focus on its main heading, as a full page load would put
 * the screen reader at the top: people hear where they are. Not on the first load.
 */
function useFocusOnNavigation() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      const target = heading ?? document.getElementById('main-content');
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: false });
    });
  }, [location.pathname]);
}

/** Staff whose staff pages wait for their second factor are told so on every page but its own. */
function SecondFactorNotice() {
  const { data: me } = useQuery(meQueryOptions());
  const location = useLocation();
  if (me?.secondFactor !== 'enrol' || location.pathname === '/account/second-factor') return null;
  return (
    <NotificationBanner>
      <p className="govuk-notification-banner__heading">
        Set up your second factor to use your staff pages.{' '}
        <Link className="govuk-notification-banner__link" to="/account/second-factor">
          Set up an authenticator app
        </Link>
      </p>
    </NotificationBanner>
  );
}

export function Layout() {
  const { data: me } = useQuery(meQueryOptions());
  const { data: about } = useQuery(aboutQueryOptions());
  const navigation = useNavigation();
  useFocusOnNavigation();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <Header me={me ?? null} />
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            {about?.demoData ? (
              <>
                <strong className="govuk-tag govuk-tag--orange govuk-phase-banner__content__tag">
                  Demo data
                </strong>
                <span className="govuk-phase-banner__text">
                  The groups, bids and people here are made up, to show how the service works. Do not enter
                  real personal information.
                </span>
              </>
            ) : (
              <>
                <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
                <span className="govuk-phase-banner__text">
                  This is a new service.{' '}
                  <Link className="govuk-link" to="/accessibility#feedback">
                    Tell us what you think
                  </Link>{' '}
                  to help us improve it.
                </span>
              </>
            )}
          </p>
        </div>
        <main
          className="govuk-main-wrapper"
          id="main-content"
          tabIndex={-1}
          aria-busy={navigation.state === 'loading'}
        >
          <PageLoading />
          <OfflineBanner />
          <SecondFactorNotice />
          <Outlet />
        </main>
      </div>
      <Footer />
    </>
  );
}
