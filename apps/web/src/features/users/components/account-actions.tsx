import type { UserSummary } from '@cf/shared';
import { useState } from 'react';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { WarningText } from '../../../components/ui/content';
import { useSetUserEnabled } from '../api/users';

/**
 * Disable an account (after a warning: the user is signed out at once) or enable it again;
 * `run` reports how that went on the page.
 */
export function AccountActions({
  user,
  run,
}: {
  user: UserSummary;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const setEnabled = useSetUserEnabled(user.id);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  return (
    <>
      <h2 className="govuk-heading-m">Account</h2>
      {user.status === 'closed' ? (
        <p className="govuk-body">
          This account is closed and can never be used again: its email address was never confirmed (its
          invitation was cancelled, or the address was given to someone else).
        </p>
      ) : user.status === 'disabled' ? (
        <>
          <p className="govuk-body">This account is disabled: the user cannot sign in.</p>
          <Button
            type="button"
            variant="secondary"
            onClick={() => run(() => setEnabled.mutateAsync(true), 'Account enabled.')}
          >
            Enable account
          </Button>
        </>
      ) : confirmingDisable ? (
        <>
          <WarningText>
            {user.name} will be signed out at once and will not be able to sign in until the account is
            enabled again.
          </WarningText>
          <ButtonGroup>
            <Button
              type="button"
              variant="warning"
              onClick={() =>
                run(async () => {
                  await setEnabled.mutateAsync(false);
                  setConfirmingDisable(false);
                }, 'Account disabled. The user has been signed out.')
              }
            >
              Yes, disable account
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirmingDisable(false)}>
              Cancel
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <Button type="button" variant="warning" onClick={() => setConfirmingDisable(true)}>
          Disable account
        </Button>
      )}
    </>
  );
}
