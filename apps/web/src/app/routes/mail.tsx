import { ROLE_LABELS, SECRET_LINK_LABELS } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { AppLink, InsetText, Tag } from '../../components/ui/content';
import { Pagination, pageParam, showing } from '../../components/ui/pagination';
import { mailQueryOptions } from '../../features/mail/api/mail';
import { formatDateTime } from '../../lib/format';
import { queryClient } from '../../lib/query-client';
import { requirePermission } from '../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'mail.read' });
  await queryClient.ensureQueryData(mailQueryOptions(pageParam(new URL(request.url).searchParams)));
  return null;
}

const STATUS = {
  sent: { text: 'Sent', colour: 'green' },
  pending: { text: 'Waiting to send', colour: 'yellow' },
  failed: { text: 'Could not send', colour: 'red' },
} as const;

export function Component() {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(mailQueryOptions(pageParam(search)));
  return (
    <Page title="Sent mail" wide>
      <h1 className="govuk-heading-l">Sent mail</h1>
      {!data.deliveryEnabled && (
        <InsetText>
          No mail server is set up (for example, in the demo), so emails are kept here and not sent. Set
          SMTP_URL to send them. Emails with a private link (an invitation, a password reset) show the link
          only to people who would gain nothing by it.
        </InsetText>
      )}
      {data.deliveryEnabled && (
        <InsetText>
          Emails are sent. Private links in them (invitations, password resets, email confirmations) are
          hidden here: only the person each email was sent to should open them.
        </InsetText>
      )}
      {data.total === 0 ? (
        <p className="govuk-body">The service has not written any emails yet.</p>
      ) : data.messages.length === 0 ? (
        <p className="govuk-body">
          There are no emails on this page. <AppLink to="/mail">Go to the newest emails</AppLink>.
        </p>
      ) : (
        <>
          {data.total > data.messages.length && <p className="govuk-body">{showing(data, 'emails')}</p>}
          <ul className="govuk-list">
            {data.messages.map((message) => (
              <li key={message.id} className="govuk-!-margin-bottom-6">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{message.subject}</h2>
                <p className="govuk-body-s govuk-!-margin-bottom-2">
                  To {message.to}, {formatDateTime(message.createdAt)}{' '}
                  <Tag colour={STATUS[message.status].colour}>{STATUS[message.status].text}</Tag>
                </p>
                {message.secret && (
                  <p className="govuk-body-s govuk-!-margin-bottom-2">
                    <Tag colour="purple">{SECRET_LINK_LABELS[message.secret.kind]}</Tag>
                    {message.secret.roles.length > 0 &&
                      ` Gives: ${message.secret.roles.map((role) => ROLE_LABELS[role]).join(', ')}`}
                  </p>
                )}
                <details className="govuk-details govuk-!-margin-bottom-2">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">
                      Read the email
                      <span className="govuk-visually-hidden">
                        {' '}
                        “{message.subject}” to {message.to}
                      </span>
                    </span>
                  </summary>
                  <div className="govuk-details__text app-pre-wrap">{message.body ?? message.hidden}</div>
                </details>
                {message.lastError && (
                  <p className="govuk-body-s app-muted">
                    Last error after {message.attempts} attempts: {message.lastError}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination info={data} label="Pages of emails" />
    </Page>
  );
}
