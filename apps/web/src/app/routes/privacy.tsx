import { Page } from '../../components/layout/page';

/**
 * How the council uses the information people give this service, in plain words. The declaration
 * on every bid links here. The council's general privacy notices cover the rest.
 */
export function Component() {
  return (
    <Page title="Privacy notice">
      <h1 className="govuk-heading-l">Privacy notice for the Communities Fund</h1>
      <p className="govuk-body-l">
        This page says what information we collect when you use this service, why, who sees it and how long we
        keep it.
      </p>
      <p className="govuk-body">
        Peterborough City Council runs the Communities Fund and this service. The council is responsible for
        your information (the “data controller”).
      </p>

      <h2 className="govuk-heading-m">What we collect</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name, email address and password (we store the password in a form nobody can read)</li>
        <li>
          your group’s name, address, kind of group and registered number, and its main contact’s details
        </li>
        <li>what you write in your bid, and the documents you upload</li>
        <li>what you and others do in the service, and when, so there is a record of every decision</li>
        <li>the emails the service sends you</li>
      </ul>

      <h2 className="govuk-heading-m">Why we use it</h2>
      <p className="govuk-body">We use your information to:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>check that your group can apply, and assess your bid fairly</li>
        <li>pay grants, and check the money is spent on the project</li>
        <li>contact you about your bid and your grant</li>
        <li>show the government what the fund achieved</li>
      </ul>
      <p className="govuk-body">
        The council does this as part of its public task: giving out and accounting for public money.
      </p>

      <h2 className="govuk-heading-m">Who sees it</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>the members of your group, who can see and work on your group’s bids</li>
        <li>the council’s grants team and finance officers</li>
        <li>
          the panel members who assess your bid. They read your bid, not your contact details, and they must
          say if they know your group
        </li>
      </ul>
      <p className="govuk-body">
        If your bid gets a grant, we publish the name of your group, the project’s title and description, the
        amount and the ward, as open data. We never publish your name, email address or phone number.
      </p>

      <h2 className="govuk-heading-m">How long we keep it</h2>
      <p className="govuk-body">
        Grants are public money and may be audited, so we keep bids and grant records for as long as the
        council’s records rules say: usually several years after a grant ends. Then we delete them.
      </p>

      <h2 className="govuk-heading-m">Your rights</h2>
      <p className="govuk-body">
        You can ask for a copy of the information we hold about you, and ask us to correct it. Email
        communitiesfund@peterborough.gov.uk or call 01733 747474, Monday to Friday, 9am to 5pm.
      </p>
      <p className="govuk-body">
        Read the{' '}
        <a
          className="govuk-link"
          href="https://www.peterborough.gov.uk/council/about-peterborough/privacy-notices"
        >
          council’s privacy notices
        </a>{' '}
        to contact its data protection officer. If you are unhappy with how we use your information, you can
        complain to the{' '}
        <a className="govuk-link" href="https://ico.org.uk/make-a-complaint/">
          Information Commissioner’s Office
        </a>
        .
      </p>
    </Page>
  );
}
