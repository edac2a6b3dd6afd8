import type { UserSummary } from '@cf/shared';
import { useState } from 'react';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { WarningText } from '../../../components/ui/content';
import { useResetSecondFactor } from '../api/users';

/**
 * Whether the person has set up an authenticator app, and (after a warning) resetting it when
 * their phone is lost; `run` reports how that went on the page.
 */
export function SecondFactorActions({
  user,
  run,
}: {
  user: UserSummary;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const reset = useResetSecondFactor(user.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <h2 className="govuk-heading-m">Second factor</h2>
      {!user.secondFactorSetUp ? (
        <p className="govuk-body">
          No authenticator app is set up. Staff set one up the next time they sign in.
        </p>
      ) : confirming ? (
        <>
          <WarningText>
            {user.name} will be signed out at once, and their recovery codes will stop working. They will set
            up a new app the next time they sign in.
          </WarningText>
          <ButtonGroup>
            <Button
              type="button"
              variant="warning"
              onClick={() =>
                run(async () => {
                  await reset.mutateAsync(undefined);
                  setConfirming(false);
                }, 'Second factor reset. They have been signed out and will set up a new app.')
              }
            >
              Yes, reset their second factor
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <p className="govuk-body">An authenticator app is set up.</p>
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            Reset second factor
          </Button>
        </>
      )}
    </>
  );
}
