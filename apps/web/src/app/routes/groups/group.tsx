import { InviteMemberBody, ORGANISATION_TYPES, type OrganisationDetail } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useLocation, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup, ButtonLink } from '../../../components/ui/button';
import { AppLink, NotificationBanner, SummaryList, Table } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import { toDoQueryOptions } from '../../../features/bids/api/bids';
import { BidToDoCards } from '../../../features/bids/components/to-do';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { organisationQueryOptions, useInviteMember } from '../../../features/organisations/api/organisations';
import { can } from '../../../lib/authorization';
import { formatDate } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requireMe(request);
  const organisationId = params.organisationId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(organisationQueryOptions(organisationId)),
    queryClient.ensureQueryData(fundsQueryOptions()),
    ...(me.organisations.some((o) => o.id === organisationId)
      ? [queryClient.ensureQueryData(toDoQueryOptions())]
      : []),
  ]);
  return null;
}

/**
 * "Start a bid" from a group's page goes straight to an open fund's questions, for this group: one
 * button for each fund open now.
 */
function StartBid({ group }: { group: OrganisationDetail }) {
  const { data: funds } = useSuspenseQuery(fundsQueryOptions());
  const open = funds.funds.filter((f) => f.status === 'open');
  if (open.length === 0) {
    return <p className="govuk-body">No funds are open for bids at the moment.</p>;
  }
  return (
    <ButtonGroup>
      {open.map((fund, index) => (
        <ButtonLink
          key={fund.id}
          to={`/funds/${fund.id}/apply?group=${group.id}`}
          variant={index === 0 ? 'primary' : 'secondary'}
        >
          Start a bid to the {fund.name}
        </ButtonLink>
      ))}
    </ButtonGroup>
  );
}

export function Component() {
  const { organisationId = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const { data: group } = useSuspenseQuery(organisationQueryOptions(organisationId));
  const { data: me } = useQuery(meQueryOptions());
  const manage = can(me, { action: 'organisation.manage', organisation: group });
  const { data: toDo } = useQuery({ ...toDoQueryOptions(), enabled: manage });
  const invite = useInviteMember(organisationId);
  const [invited, setInvited] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(InviteMemberBody), defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['email']);
  const removed = (location.state as { removed?: string } | null)?.removed;
  const waiting = (toDo?.items ?? []).filter((item) => item.bid.organisationId === group.id);

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
  const banner = invited
    ? `We have emailed an invitation to ${invited}.`
    : removed
      ? `${removed} is no longer a member of your group.`
      : params.get('changed')
        ? 'Your group’s details have been changed.'
        : params.get('registered')
          ? 'Your group is registered.'
          : null;
  return (
    <Page title={group.name} hasError={items.length > 0}>
      {banner && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{banner}</p>
          {params.get('registered') && !invited && <p className="govuk-body">You can now start a bid.</p>}
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{manage ? 'Your group' : 'Community group'}</span>
      <h1 className="govuk-heading-l">{group.name}</h1>
      {manage && <StartBid group={group} />}
      {waiting.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Bids that need something from you</h2>
          <BidToDoCards items={waiting} showGroup={false} />
        </>
      )}
      <h2 className="govuk-heading-m">About the group</h2>
      <SummaryList
        rows={[
          { key: 'Name', value: group.name },
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
      {manage && (
        <p className="govuk-body">
          <AppLink to={`/groups/${group.id}/edit`}>Change your group’s details</AppLink>
        </p>
      )}
      {can(me, { action: 'bank.read', organisation: group }) && (
        <p className="govuk-body">
          <AppLink to={`/groups/${group.id}/bank-account`}>
            {manage ? 'Your group’s bank details' : 'The group’s bank details'}
          </AppLink>
        </p>
      )}
      <Table
        caption="Members"
        rowKey={(m) => m.id}
        rows={group.members}
        columns={[
          { header: 'Name', cell: (m) => m.name },
          { header: 'Email', cell: (m) => m.email },
          { header: 'Joined', cell: (m) => formatDate(m.joinedAt) },
          ...(manage
            ? [
                {
                  header: <span className="govuk-visually-hidden">Action</span>,
                  cell: (m: OrganisationDetail['members'][number]) =>
                    m.id === me?.id ? (
                      <AppLink to={`/groups/${group.id}/members/${m.id}/remove`}>
                        Leave<span className="govuk-visually-hidden"> {group.name}</span>
                      </AppLink>
                    ) : (
                      <AppLink to={`/groups/${group.id}/members/${m.id}/remove`}>
                        Remove<span className="govuk-visually-hidden"> {m.name}</span>
                      </AppLink>
                    ),
                },
              ]
            : []),
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
      {manage && (
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
