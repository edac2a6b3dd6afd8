import { Page } from '../../components/layout/page';

export function Component() {
  return (
    <Page title="Accessibility statement">
      <h1 className="govuk-heading-l">Accessibility statement for the Communities Fund</h1>
      <p className="govuk-body">
        Peterborough City Council runs this service. We want as many people as possible to be able to use it.
        For example, you should be able to:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>use the whole service with a keyboard alone</li>
        <li>use the service with a screen reader</li>
        <li>use the service on a phone</li>
      </ul>
      <p className="govuk-body">We have also made the text as simple as possible to understand.</p>

      <h2 className="govuk-heading-m">How accessible this service is</h2>
      <p className="govuk-body">
        We test every page with automated checks (axe, against WCAG 2.2 levels A and AA) each time the service
        changes, and by hand with a keyboard and at 320 pixels wide. We do not know of any part that fails
        these checks.
      </p>

      <h2 className="govuk-heading-m" id="feedback">
        Feedback and contact information
      </h2>
      <p className="govuk-body">
        If you need help, or information in a different format such as large print or audio:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>email communitiesfund@peterborough.gov.uk</li>
        <li>call 01733 747474, Monday to Friday, 9am to 5pm</li>
      </ul>
      <p className="govuk-body">We will consider your request and get back to you within 5 working days.</p>

      <h2 className="govuk-heading-m">Reporting accessibility problems</h2>
      <p className="govuk-body">
        If you find a problem not listed on this page, or think we are not meeting accessibility requirements,
        email communitiesfund@peterborough.gov.uk.
      </p>

      <h2 className="govuk-heading-m">Enforcement procedure</h2>
      <p className="govuk-body">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies
        (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with
        how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
      </p>

      <h2 className="govuk-heading-m">Compliance status</h2>
      <p className="govuk-body">
        This service is designed to be fully compliant with the Web Content Accessibility Guidelines version
        2.2 AA standard.
      </p>
      <p className="govuk-body">This statement was prepared on 23 November 2026.</p>
    </Page>
  );
}
