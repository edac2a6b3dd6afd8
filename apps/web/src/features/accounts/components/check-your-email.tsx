import type { ReactNode } from 'react';
import { InsetText } from '../../../components/ui/content';

/**
 * What to do after we email someone a link: the address it went to, how long it works, and, in the
 * demo (no mail server), where the email can be read instead.
 */
export function CheckYourEmail({
  email,
  deliveryEnabled,
  purpose,
  lasts,
  lead,
  children,
}: {
  email: string | null;
  deliveryEnabled: boolean | null;
  /** Completes "open the link in it to …". */
  purpose: string;
  /** Instead of "We have sent an email to …", when we may not have (no account, no email). */
  lead?: ReactNode;
  /** "3 days", "30 minutes". */
  lasts: string;
  children?: ReactNode;
}) {
  return (
    <>
      <p className="govuk-body">
        {lead ??
          (email ? (
            <>
              We have sent an email to <strong>{email}</strong>: open the link in it to {purpose}.
            </>
          ) : (
            <>We have sent you an email: open the link in it to {purpose}.</>
          ))}
      </p>
      <p className="govuk-body">The link works once, for {lasts}.</p>
      {deliveryEnabled === false && (
        <InsetText>
          This service is running as a demo, so it does not send emails. An administrator can read the email
          and open its link on the “Sent mail” page.
        </InsetText>
      )}
      <h2 className="govuk-heading-m">If the email does not arrive</h2>
      <p className="govuk-body">
        It can take a few minutes. Check your spam or junk folder, and check the email address is right.
      </p>
      {children}
    </>
  );
}
