import { Link } from 'react-router';
import { COUNCIL_NAME } from './page';

/** The council's footer: support links, no GOV.UK crown or licence logo. */
export function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/api/docs">
                  API documentation
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  Privacy notice
                </Link>
              </li>
            </ul>
            <p className="govuk-footer__meta-custom">
              Help with your bid: email communitiesfund@peterborough.gov.uk or call 01733 747474, Monday to
              Friday, 9am to 5pm.
            </p>
          </div>
          <div className="govuk-footer__meta-item">© {COUNCIL_NAME}</div>
        </div>
      </div>
    </footer>
  );
}
