import { InviteMemberBody, ORGANISATION_TYPES } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { NotificationBanner, SummaryList, Table } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import { organisationQueryOptions, useInviteMember } from '../../../features/organisations/api/organisations';
import { formatDate } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(organisationQueryOptions(params.organisationId ?? ''));
  return null;
}

export function Component() {
  const { organisationId = '' } = useParams();
  const [params] = useSearchParams();
  const { data: group } = useSuspenseQuery(organisationQueryOptions(organisationId));
  const { data: me } = useQuery(meQueryOptions());
  const invite = useInviteMember(organisationId);
  const [invited, setInvited] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(InviteMemberBody), defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['email']);
  const isMember = me?.organisations.some((o) => o.id === group.id) ?? false;

  const onInvite = form.handleSubmit(async (values) => {
    setInvited(null);
    try {
      await invite.mutateAsync(values);
      setInvited(values.email);
      form.reset({ email: '' });
    } catch (error) {
      applyServerErrors(error, form.setError, ['email']);
    }
  });

  const type = ORGANISATION_TYPES[group.type];
  return (
    <Page title={group.name} hasError={items.length > 0}>
      {params.get('registered') && !invited && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Your group is registered.</p>
          <p className="govuk-body">You can now start a bid.</p>
        </NotificationBanner>
      )}
      {invited && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">We have emailed an invitation to {invited}.</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">Your group</span>
      <h1 className="govuk-heading-l">{group.name}</h1>
      {isMember && <ButtonLink to="/funds">Start a bid</ButtonLink>}
      <SummaryList
        rows={[
          { key: 'Kind of group', value: type.label },
          ...(group.registeredNumber
            ? [{ key: type.numberLabel ?? 'Number', value: group.registeredNumber }]
            : []),
          {
            key: 'Address',
            value: [group.addressLine1, group.addressLine2, group.town, group.postcode]
              .filter(Boolean)
              .join(', '),
          },
          { key: 'Ward', value: group.wardName ?? 'Not given' },
          {
            key: 'Main contact',
            value: [group.contactName, group.contactEmail, group.contactPhone].filter(Boolean).join(', '),
          },
        ]}
      />
      <Table
        caption="Members"
        rowKey={(m) => m.id}
        rows={group.members}
        columns={[
          { header: 'Name', cell: (m) => m.name },
          { header: 'Email', cell: (m) => m.email },
          { header: 'Joined', cell: (m) => formatDate(m.joinedAt) },
        ]}
      />
      {group.pendingInvitations.length > 0 && (
        <>
          <h2 className="govuk-heading-s">Invited, not joined yet</h2>
          <ul className="govuk-list govuk-list--bullet">
            {group.pendingInvitations.map((i) => (
              <li key={`${i.email}-${i.invitedAt}`}>
                {i.email} (invited {formatDate(i.invitedAt)})
              </li>
            ))}
          </ul>
        </>
      )}
      {isMember && (
        <>
          <h2 className="govuk-heading-m">Invite someone to your group</h2>
          <p className="govuk-body">They will be able to see and work on your group’s bids.</p>
          <form onSubmit={onInvite} noValidate>
            <TextInput
              id="email"
              label="Their email address"
              type="email"
              autoComplete="off"
              spellCheck={false}
              error={errors.email?.message}
              {...form.register('email')}
            />
            <Button variant="secondary" disabled={isSubmitting}>
              Send invitation
            </Button>
          </form>
        </>
      )}
    </Page>
  );
}
