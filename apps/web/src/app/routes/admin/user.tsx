import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, NotificationBanner, SummaryList } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { userQueryOptions } from '../../../features/users/api/users';
import { AccountActions } from '../../../features/users/components/account-actions';
import { GrantRoleForm, useGrantRoleForm } from '../../../features/users/components/grant-role-form';
import { InvitationActions } from '../../../features/users/components/invitation-actions';
import { SecondFactorActions } from '../../../features/users/components/second-factor-actions';
import { UserRoles } from '../../../features/users/components/user-roles';
import { UserStatusTag } from '../../../features/users/components/user-status';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'users.manage' });
  await Promise.all([
    queryClient.ensureQueryData(userQueryOptions(params.userId ?? '')),
    queryClient.ensureQueryData(fundsQueryOptions()),
  ]);
  return null;
}

export function Component() {
  const { userId = '' } = useParams();
  const [params] = useSearchParams();
  const { data: user } = useSuspenseQuery(userQueryOptions(userId));
  const { data: fundList } = useSuspenseQuery(fundsQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  const [message, setMessage] = useState<string | null>(
    params.get('invited') ? `We have emailed an invitation to ${user.email}.` : null,
  );
  const [actionError, setActionError] = useState<string | null>(null);
  const grant = useGrantRoleForm(user, {
    onStart: () => {
      setActionError(null);
      setMessage(null);
    },
    onGranted: setMessage,
  });
  const items = [...(actionError ? [{ text: actionError }] : []), ...grant.errors];
  const isSelf = me?.id === user.id;

  /** Removing a role, disabling or enabling: one message or one error at the top of the page. */
  const run = async (action: () => Promise<unknown>, done: string) => {
    setActionError(null);
    setMessage(null);
    grant.form.clearErrors();
    try {
      await action();
      setMessage(done);
    } catch (error) {
      setActionError(isApiError(error) ? error.message : 'Sorry, something went wrong. Try again.');
    }
  };

  return (
    <Page
      title={user.name}
      hasError={items.length > 0}
      wide
      before={<BackLink to="/admin/users">Users</BackLink>}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {message && items.length === 0 && (
            <NotificationBanner success>
              <p className="govuk-notification-banner__heading">{message}</p>
            </NotificationBanner>
          )}
          <ErrorSummary errors={items} />
          <span className="govuk-caption-l">User</span>
          <h1 className="govuk-heading-l">{user.name}</h1>
          <SummaryList
            rows={[
              {
                key: 'Email address',
                value: user.emailVerified ? user.email : `${user.email} (not confirmed yet)`,
              },
              { key: 'Status', value: <UserStatusTag status={user.status} /> },
              {
                key: 'Last signed in',
                value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never',
              },
              {
                key: 'Community groups',
                value:
                  user.organisations.length > 0 ? user.organisations.map((o) => o.name).join(', ') : 'None',
              },
            ]}
          />
          <InvitationActions user={user} run={run} />
          <UserRoles user={user} run={run} />
          {user.status !== 'closed' && (
            <GrantRoleForm form={grant.form} onSubmit={grant.onGrant} funds={fundList.funds} />
          )}
          <SecondFactorActions user={user} run={run} />
          {!isSelf && <AccountActions user={user} run={run} />}
          <h2 className="govuk-heading-m">In the audit trail</h2>
          <ul className="govuk-list">
            <li>
              <AppLink to={`/admin/audit?actorId=${user.id}`}>What {user.name} has done</AppLink>
            </li>
            <li>
              <AppLink to={`/admin/audit?entityType=user&entityId=${user.id}`}>
                What has been done to {user.name}’s account
              </AppLink>
            </li>
          </ul>
        </div>
      </div>
    </Page>
  );
}
