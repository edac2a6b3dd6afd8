import { COUNCIL_NAME, SERVICE_NAME } from './page';

/**
 * The page's frame and a loading message, as index.html shows before the scripts run: shown
 * while the app first finds out who is signed in, so the screen never goes blank (decision 0021).
 * Plain links, not the router's: it stands in before the app is ready.
 */
export function LoadingFrame() {
  return (
    <>
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
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container">
            <div className="govuk-service-navigation__container">
              <span className="govuk-service-navigation__service-name">
                <a href="/" className="govuk-service-navigation__link">
                  {SERVICE_NAME}
                </a>
              </span>
            </div>
          </div>
        </section>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" aria-busy="true">
          <p className="govuk-body-l" role="status">
            Loading the {SERVICE_NAME}…
          </p>
        </main>
      </div>
    </>
  );
}
