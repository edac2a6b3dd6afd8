import { ROLE_LABELS, type UserSummary } from '@cf/shared';
import { Button } from '../../../components/ui/button';
import { Table } from '../../../components/ui/content';
import { useRevokeRole } from '../api/users';

/** A user's roles, each with a button to remove it; `run` reports how that went on the page. */
export function UserRoles({
  user,
  run,
}: {
  user: UserSummary;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const revoke = useRevokeRole(user.id);
  if (user.roles.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">Roles</h2>
        <p className="govuk-body">This user has no roles, so they can only see public pages.</p>
      </>
    );
  }
  return (
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
              onClick={() => run(() => revoke.mutateAsync(r.id), `${ROLE_LABELS[r.role]} role removed.`)}
            >
              Remove<span className="govuk-visually-hidden"> {ROLE_LABELS[r.role]} role</span>
            </Button>
          ),
        },
      ]}
    />
  );
}
