import { ROLE_LABELS, type UserSummary } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { ButtonLink } from '../../../components/ui/button';
import { AppLink, Table } from '../../../components/ui/content';
import { Pagination, pageParam, showing } from '../../../components/ui/pagination';
import { usersQueryOptions } from '../../../features/users/api/users';
import { UserStatusTag } from '../../../features/users/components/user-status';
import { plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'users.manage' });
  await queryClient.ensureQueryData(usersQueryOptions(pageParam(new URL(request.url).searchParams)));
  return null;
}

export function roleText(user: Pick<UserSummary, 'roles'>): string {
  if (user.roles.length === 0) return 'No roles';
  return user.roles
    .map((r) => (r.fundName ? `${ROLE_LABELS[r.role]} (${r.fundName})` : ROLE_LABELS[r.role]))
    .join(', ');
}

export function Component() {
  const [search] = useSearchParams();
  const { data } = useSuspenseQuery(usersQueryOptions(pageParam(search)));
  return (
    <Page title="Users" wide>
      <h1 className="govuk-heading-l">Users</h1>
      <ButtonLink to="/admin/users/invite">Invite a member of staff</ButtonLink>
      <Table
        caption={data.total > data.users.length ? showing(data, 'users') : plural(data.total, 'user')}
        captionSize="s"
        rowKey={(u) => u.id}
        rows={data.users}
        columns={[
          { header: 'Name', cell: (u) => <AppLink to={`/admin/users/${u.id}`}>{u.name}</AppLink> },
          { header: 'Email', cell: (u) => u.email },
          { header: 'Roles', cell: (u) => roleText(u) },
          { header: 'Status', cell: (u) => <UserStatusTag status={u.status} /> },
        ]}
      />
      <Pagination info={data} label="Pages of users" />
    </Page>
  );
}
