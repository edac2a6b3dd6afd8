import type { UserSummary } from '@cf/shared';
import { useState } from 'react';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { WarningText } from '../../../components/ui/content';
import { formatDateTime } from '../../../lib/format';
import { useCancelInvitation, useResendInvitation } from '../api/users';

/**
 * A staff invitation not yet accepted: when it was sent and until when its link works, sending it
 * again with a new link (the old one stops working), or cancelling it after a warning. Both are
 * audited; `run` reports how they went on the page.
 */
export function InvitationActions({
  user,
  run,
}: {
  user: UserSummary;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const resend = useResendInvitation(user.id);
  const cancel = useCancelInvitation(user.id);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const invitation = user.invitation;
  if (user.status !== 'invited' || !invitation) return null;
  const expired = Date.parse(invitation.expiresAt) <= Date.now();
  return (
    <section aria-labelledby="invitation-heading">
      <h2 className="govuk-heading-m" id="invitation-heading">
        Invitation
      </h2>
      <p className="govuk-body">
        Sent {formatDateTime(invitation.sentAt)}.{' '}
        {expired
          ? `The link stopped working ${formatDateTime(invitation.expiresAt)}: send a new one.`
          : `The link works until ${formatDateTime(invitation.expiresAt)}.`}
      </p>
      {confirmingCancel ? (
        <>
          <WarningText>
            The link in the email to {user.email} will stop working, and this account will be closed. You can
            invite the address again afterwards.
          </WarningText>
          <ButtonGroup>
            <Button
              type="button"
              variant="warning"
              disabled={cancel.isPending}
              onClick={() =>
                run(async () => {
                  await cancel.mutateAsync(undefined);
                  setConfirmingCancel(false);
                }, 'Invitation cancelled. The link no longer works.')
              }
            >
              Yes, cancel the invitation
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirmingCancel(false)}>
              Keep it
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <ButtonGroup>
          <Button
            type="button"
            variant="secondary"
            disabled={resend.isPending}
            onClick={() =>
              run(
                () => resend.mutateAsync(undefined),
                `We have emailed a new invitation to ${user.email}. The link sent before no longer works.`,
              )
            }
          >
            Resend invitation
          </Button>
          <Button type="button" variant="warning" onClick={() => setConfirmingCancel(true)}>
            Cancel invitation
          </Button>
        </ButtonGroup>
      )}
    </section>
  );
}
