import { DEFAULT_RETENTION_MONTHS, retentionWords } from '@cf/shared';
import { useQuery } from '@tanstack/react-query';
import { Page } from '../../components/layout/page';
import { AppLink } from '../../components/ui/content';
import { retentionQueryOptions } from '../../features/privacy/api/privacy';

/**
 * How the council uses the information people give this service, in plain words. The declaration
 * on every bid links here. The council's general privacy notices cover the rest.
 */
export function Component() {
  const { data: retention } = useQuery(retentionQueryOptions());
  const period = retention?.words ?? retentionWords(DEFAULT_RETENTION_MONTHS);
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
        Grants are public money and may be audited, so we keep the record of every bid and grant: what it was
        for, the amounts, the dates, the payments and the group’s name.
      </p>
      <p className="govuk-body">
        When a grant has been closed (finished, turned down or ended early) for <strong>{period}</strong>, we
        remove the people’s names from it: who signed the offer and the bid’s declaration, and the group’s
        main contact once nothing of the group is still going. The service does this by itself every day.
      </p>
      <p className="govuk-body">
        The audit trail, the record of who did what and when, is kept as it was written, so that nobody can
        quietly change history. Only the council’s staff can read it.
      </p>
      <p className="govuk-body">
        Your account stays until you ask us to close it. Emails the service sent you are kept with it.
      </p>

      <h2 className="govuk-heading-m">Your rights</h2>
      <p className="govuk-body">
        You can see the information we hold about you at any time: sign in, go to{' '}
        <AppLink to="/account">your account</AppLink> and choose “Download your data”. You get one file with
        your account, your groups, the bids you started, the offers you signed, what you did in the service,
        and the emails we sent you.
      </p>
      <p className="govuk-body">
        You can also ask us for a copy, or ask us to correct or delete it. Email
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
