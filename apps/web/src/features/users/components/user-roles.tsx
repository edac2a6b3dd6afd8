import { ROLE_LABELS, type RoleGrant, type UserSummary } from '@cf/shared';
import { useState } from 'react';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { Table, WarningText } from '../../../components/ui/content';
import { useRevokeRole } from '../api/users';

const roleName = (grant: RoleGrant) =>
  `${ROLE_LABELS[grant.role]}${grant.fundName ? ` (${grant.fundName})` : ''}`;

/**
 * A user's roles, each with a button to remove it, asked again before it goes (a role removed by
 * mistake stops someone's work at once); `run` reports how that went on the page.
 */
export function UserRoles({
  user,
  run,
}: {
  user: UserSummary;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const revoke = useRevokeRole(user.id);
  const [removing, setRemoving] = useState<RoleGrant | null>(null);
  if (user.roles.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">Roles</h2>
        <p className="govuk-body">This user has no roles, so they can only see public pages.</p>
      </>
    );
  }
  return (
    <>
      <Table
        caption="Roles"
        rowKey={(r) => r.id}
        rows={user.roles}
        columns={[
          { header: 'Role', cell: (r) => ROLE_LABELS[r.role] },
          { header: 'Fund', cell: (r) => r.fundName ?? 'Every fund' },
          {
            header: <span className="govuk-visually-hidden">Action</span>,
            cell: (r) => (
              <Button
                type="button"
                variant="secondary"
                className="govuk-!-margin-bottom-0"
                disabled={revoke.isPending}
                onClick={() => setRemoving(r)}
              >
                Remove<span className="govuk-visually-hidden"> {ROLE_LABELS[r.role]} role</span>
              </Button>
            ),
          },
        ]}
      />
      {removing && (
        <section aria-labelledby="remove-role" className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s" id="remove-role">
            Remove the {roleName(removing)} role?
          </h3>
          <WarningText>
            {user.name} will no longer be able to work as {ROLE_LABELS[removing.role].toLowerCase()}
            {removing.fundName ? ` for the ${removing.fundName}` : ''}. It stops at once, even if they are
            signed in.
          </WarningText>
          <ButtonGroup>
            <Button
              type="button"
              variant="warning"
              disabled={revoke.isPending}
              onClick={() =>
                run(async () => {
                  await revoke.mutateAsync(removing.id);
                  setRemoving(null);
                }, `${ROLE_LABELS[removing.role]} role removed.`)
              }
            >
              Yes, remove the {ROLE_LABELS[removing.role]} role
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
          </ButtonGroup>
        </section>
      )}
    </>
  );
}
