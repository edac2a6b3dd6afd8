import type { Me } from '@cf/shared';
import { useEffect, useState } from 'react';
import { Link, useLocation, useMatch, useNavigate } from 'react-router';
import { COUNCIL_NAME, SERVICE_NAME } from '../../components/layout/page';
import { useSignOut } from '../../features/auth/api/sign-in';
import { can, isApplicant } from '../../lib/authorization';

interface NavItem {
  to: string;
  text: string;
  end?: boolean;
}

function navigationFor(me: Me | null): NavItem[] {
  if (!me)
    return [
      { to: '/funds', text: 'Funds' },
      { to: '/project-bank', text: 'Project bank' },
    ];
  const items: NavItem[] = [{ to: '/', text: 'Home', end: true }];
  if (can(me, { action: 'bid.list_all' })) items.push({ to: '/bids', text: 'Bids' });
  else if (isApplicant(me)) items.push({ to: '/bids', text: 'Your bids' });
  if (can(me, { action: 'grant.list_all' })) items.push({ to: '/grants', text: 'Grants' });
  if (can(me, { action: 'assessment.score' })) items.push({ to: '/assess', text: 'Bids to assess' });
  items.push({ to: '/funds', text: 'Funds' }, { to: '/project-bank', text: 'Project bank' });
  if (can(me, { action: 'payment.approve' })) items.push({ to: '/finance/payments', text: 'Payments' });
  if (can(me, { action: 'mail.read' })) items.push({ to: '/mail', text: 'Sent mail' });
  if (can(me, { action: 'users.manage' })) items.push({ to: '/admin/users', text: 'Users' });
  if (can(me, { action: 'audit.browse' })) items.push({ to: '/admin/audit', text: 'Audit trail' });
  items.push({ to: '/account', text: 'Your account' });
  return items;
}

const TABLET = '(min-width: 40.0625em)';

function ServiceNavItem({ item }: { item: NavItem }) {
  const match = useMatch({ path: item.to, end: item.end ?? false });
  const exact = useMatch({ path: item.to, end: true });
  return (
    <li className={`govuk-service-navigation__item${match ? ' govuk-service-navigation__item--active' : ''}`}>
      <Link
        className="govuk-service-navigation__link"
        to={item.to}
        aria-current={exact ? 'page' : match ? 'true' : undefined}
      >
        {match ? (
          <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
        ) : (
          item.text
        )}
      </Link>
    </li>
  );
}

/**
 * The council's header (its name, not the GOV.UK crown) and GOV.UK service navigation: the
 * service name, links for the person's roles and sign in or out. On a phone the links fold
 * behind a "Menu" button.
 */
export function Header({ me }: { me: Me | null }) {
  const items = navigationFor(me);
  const [wide, setWide] = useState(() => window.matchMedia(TABLET).matches);
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  useEffect(() => {
    const query = window.matchMedia(TABLET);
    const update = () => setWide(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);

  // Close the phone menu after moving to another page.
  useEffect(() => setOpen(false), [location.pathname]);

  const collapsible = items.length > 1 || me !== null;
  const showList = wide || !collapsible || open;

  return (
    <header className="govuk-template__header">
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href="https://www.peterborough.gov.uk" className="govuk-generic-header__homepage-link">
              {COUNCIL_NAME}
            </a>
          </div>
        </div>
      </div>
      <section
        aria-label="Service information"
        className="govuk-service-navigation"
        data-module="govuk-service-navigation"
      >
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <Link to="/" className="govuk-service-navigation__link">
                {SERVICE_NAME}
              </Link>
            </span>
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              {collapsible && !wide && (
                <button
                  type="button"
                  className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                  aria-controls="navigation"
                  aria-expanded={open}
                  onClick={() => setOpen((value) => !value)}
                >
                  Menu
                </button>
              )}
              <ul className="govuk-service-navigation__list" id="navigation" hidden={!showList}>
                {items.map((item) => (
                  <ServiceNavItem key={item.to} item={item} />
                ))}
                {me ? (
                  <li className="govuk-service-navigation__item">
                    <button
                      type="button"
                      className="govuk-service-navigation__link app-link-button"
                      onClick={() =>
                        signOut.mutate(undefined, { onSettled: () => navigate('/sign-in?signedOut=1') })
                      }
                    >
                      Sign out
                    </button>
                  </li>
                ) : (
                  <li className="govuk-service-navigation__item">
                    <Link className="govuk-service-navigation__link" to="/sign-in">
                      Sign in
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </div>
      </section>
    </header>
  );
}
