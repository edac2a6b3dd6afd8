import { GrantRoleBody, mayBeLimitedToFund, ROLE_LABELS, Role } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import {
  BackLink,
  NotificationBanner,
  SummaryList,
  Table,
  WarningText,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Select } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import {
  useGrantRole,
  useRevokeRole,
  userQueryOptions,
  useSetUserEnabled,
} from '../../../features/users/api/users';
import { UserStatusTag } from '../../../features/users/components/user-status';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
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

const FIELDS = ['role', 'fundId'];

export function Component() {
  const { userId = '' } = useParams();
  const [params] = useSearchParams();
  const { data: user } = useSuspenseQuery(userQueryOptions(userId));
  const { data: fundList } = useSuspenseQuery(fundsQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  const grant = useGrantRole(userId);
  const revoke = useRevokeRole(userId);
  const setEnabled = useSetUserEnabled(userId);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [message, setMessage] = useState<string | null>(
    params.get('invited') ? `We have emailed an invitation to ${user.email}.` : null,
  );
  const [actionError, setActionError] = useState<string | null>(null);

  const form = useForm<z.input<typeof GrantRoleBody>, unknown, z.output<typeof GrantRoleBody>>({
    resolver: zodResolver(GrantRoleBody),
    defaultValues: { fundId: null },
  });
  const { errors, isSubmitting } = form.formState;
  const items = [...(actionError ? [{ text: actionError }] : []), ...errorItems(errors, FIELDS)];
  const role = form.watch('role');
  const isSelf = me?.id === user.id;

  const onGrant = form.handleSubmit(async (values) => {
    setActionError(null);
    setMessage(null);
    try {
      const updated = await grant.mutateAsync(values);
      const added = updated.roles.at(-1);
      setMessage(
        `${user.name} is now ${added ? ROLE_LABELS[added.role].toLowerCase() : 'updated'}${added?.fundName ? ` for the ${added.fundName}` : ''}.`,
      );
      form.reset({ fundId: null });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  const run = async (action: () => Promise<unknown>, done: string) => {
    setActionError(null);
    setMessage(null);
    form.clearErrors();
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
              { key: 'Email address', value: user.email },
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

          {user.roles.length === 0 ? (
            <>
              <h2 className="govuk-heading-m">Roles</h2>
              <p className="govuk-body">This user has no roles, so they can only see public pages.</p>
            </>
          ) : (
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
                      onClick={() =>
                        run(() => revoke.mutateAsync(r.id), `${ROLE_LABELS[r.role]} role removed.`)
                      }
                    >
                      Remove<span className="govuk-visually-hidden"> {ROLE_LABELS[r.role]} role</span>
                    </Button>
                  ),
                },
              ]}
            />
          )}

          <h2 className="govuk-heading-m">Add a role</h2>
          <form onSubmit={onGrant} noValidate>
            <Select
              id="role"
              label="Role"
              error={errors.role?.message}
              options={[
                { value: '', text: 'Choose a role' },
                ...Role.options.map((value) => ({ value, text: ROLE_LABELS[value] })),
              ]}
              {...form.register('role')}
            />
            {role !== undefined && mayBeLimitedToFund(role) && (
              <Select
                id="fundId"
                label="Fund"
                error={errors.fundId?.message}
                options={[
                  { value: '', text: 'Every fund' },
                  ...fundList.funds.map((f) => ({ value: f.id, text: f.name })),
                ]}
                {...form.register('fundId', { setValueAs: (value: string | null) => (value ? value : null) })}
              />
            )}
            <Button variant="secondary" disabled={isSubmitting}>
              Add role
            </Button>
          </form>

          {!isSelf && (
            <>
              <h2 className="govuk-heading-m">Account</h2>
              {user.status === 'disabled' ? (
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
                    {user.name} will be signed out at once and will not be able to sign in until the account
                    is enabled again.
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
          )}
        </div>
      </div>
    </Page>
  );
}
