import { AcceptOfferBody, formatDate, type GrantDetail } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup, ButtonLink } from '../../../components/ui/button';
import {
  AppLink,
  BackLink,
  InsetText,
  NotificationBanner,
  SummaryList,
  WarningText,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Checkboxes, TextInput } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import {
  grantQueryOptions,
  useAcceptOffer,
  useConditionMet,
  useIssueOffer,
} from '../../../features/grants/api/grants';
import { OfferStateTag } from '../../../features/grants/components/status';
import { OfferTerms } from '../../../features/grants/components/terms';
import { grantReportsQueryOptions } from '../../../features/reports/api/reports';
import { GrantReportsSection } from '../../../features/reports/components/grant-reports';
import { can } from '../../../lib/authorization';
import { formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await Promise.all([
    queryClient.ensureQueryData(grantQueryOptions(params.grantId ?? '')),
    queryClient.ensureQueryData(grantReportsQueryOptions(params.grantId ?? '')),
  ]);
  return null;
}

interface AcceptForm {
  fullName: string;
  role: string;
  declaration: boolean | string;
}

/** A member of the group accepts the offer: their name, their role in the group, the declaration. */
function AcceptOffer({ grant }: { grant: GrantDetail }) {
  const accept = useAcceptOffer(grant.id);
  const form = useForm<AcceptForm, unknown, AcceptOfferBody>({
    defaultValues: { fullName: '', role: '', declaration: false },
    resolver: sharedResolver(
      () => AcceptOfferBody,
      (v) => ({
        fullName: v.fullName,
        role: v.role,
        declaration: v.declaration === true || v.declaration === 'yes' ? true : undefined,
      }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['fullName', 'role', 'declaration']);
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await accept.mutateAsync(body);
      window.scrollTo(0, 0);
    } catch (error) {
      applyServerErrors(error, form.setError, ['fullName', 'role', 'declaration']);
    }
  });
  return (
    <>
      <h2 className="govuk-heading-m">Accept or decline the offer</h2>
      <p className="govuk-body">
        Read <AppLink to={`/grants/${grant.id}/agreement`}>the grant agreement</AppLink> first. Answer by{' '}
        <strong>{grant.offerDeadline ? formatDate(grant.offerDeadline) : 'the deadline'}</strong>.
      </p>
      <ErrorSummary errors={items} />
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="fullName"
          label="Your full name"
          autoComplete="name"
          error={errors.fullName?.message}
          {...form.register('fullName')}
        />
        <TextInput
          id="role"
          label="Your role in the group"
          hint="For example, chair, secretary or treasurer"
          error={errors.role?.message}
          {...form.register('role')}
        />
        <Checkboxes
          id="declaration"
          legend={<span className="govuk-visually-hidden">Declaration</span>}
          error={errors.declaration?.message}
          options={[
            {
              value: 'yes',
              text: `I accept this grant of ${formatPence(grant.awardPence)} for my group, and its conditions`,
              hint: 'We will spend it only on the project, report on it as the agreement says, and give back any money we do not spend.',
            },
          ]}
          {...form.register('declaration')}
        />
        <ButtonGroup>
          <Button disabled={isSubmitting}>Accept the offer</Button>
          <AppLink to={`/grants/${grant.id}/decline`}>Decline the offer</AppLink>
        </ButtonGroup>
      </form>
    </>
  );
}

/** The officer's steps on a draft: change it, issue it. */
function DraftActions({ grant }: { grant: GrantDetail }) {
  const issue = useIssueOffer(grant.id);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <h2 className="govuk-heading-m">Check and issue the offer</h2>
      <p className="govuk-body">
        The group cannot see this offer until you issue it. Once issued, it cannot be changed. They will have
        until {grant.offerDeadline ? formatDate(grant.offerDeadline) : '28 days after you issue it'} to
        answer.
      </p>
      {problem && <WarningText>{problem}</WarningText>}
      <ButtonGroup>
        <Button
          type="button"
          disabled={issue.isPending}
          onClick={async () => {
            try {
              setProblem(null);
              await issue.mutateAsync(undefined);
              window.scrollTo(0, 0);
            } catch (error) {
              setProblem(error instanceof Error ? error.message : 'Sorry, something went wrong. Try again.');
            }
          }}
        >
          Issue the offer to the group
        </Button>
        <ButtonLink to={`/grants/${grant.id}/offer`} variant="secondary">
          Change the offer
        </ButtonLink>
      </ButtonGroup>
    </>
  );
}

function MarkMet({ grant, conditionId, text }: { grant: GrantDetail; conditionId: string; text: string }) {
  const met = useConditionMet(grant.id);
  return (
    <Button
      type="button"
      variant="secondary"
      className="govuk-!-margin-bottom-0"
      disabled={met.isPending}
      onClick={() => met.mutate(conditionId)}
    >
      Mark as met<span className="govuk-visually-hidden">: {text}</span>
    </Button>
  );
}

/** A grant and its offer: what the group is offered, what it must do, and what comes next. */
export function Component() {
  const { grantId = '' } = useParams();
  const { data: grant } = useSuspenseQuery(grantQueryOptions(grantId));
  const title = grant.title ?? 'Grant';
  const staffView = grant.permissions.change || grant.permissions.tickConditions || grant.permissions.end;
  const { data: me } = useQuery(meQueryOptions());
  return (
    <Page title={title} before={<BackLink to="/grants">Back to grants</BackLink>}>
      {grant.offerState === 'accepted' && grant.permissions.answer === false && !staffView && (
        <NotificationBanner title="Offer accepted">
          <h3 className="govuk-notification-banner__heading">Next, give us your group’s bank details</h3>
          <p className="govuk-body">
            We pay the grant into your group’s bank account.{' '}
            <AppLink to={`/groups/${grant.organisationId}/bank-account`}>Give your bank details</AppLink>.
          </p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{grant.organisationName}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <OfferStateTag grant={grant} />
      </p>
      {grant.overdue && (
        <WarningText>
          The group did not answer this offer by{' '}
          {grant.offerDeadline ? formatDate(grant.offerDeadline) : 'its deadline'}.
          {grant.permissions.end
            ? ' You may end it: the money goes back to the pot.'
            : ' Ask the grants officer.'}
        </WarningText>
      )}
      <SummaryList
        rows={[
          { key: 'Grant', value: formatPence(grant.awardPence) },
          { key: 'Fund', value: grant.fundName },
          {
            key: 'Bid',
            value: <AppLink to={`/bids/${grant.bidId}`}>{grant.reference ?? 'The bid'}</AppLink>,
          },
          { key: 'What the grant is for', value: grant.purpose },
          ...(grant.issuedAt ? [{ key: 'Offer issued', value: formatDate(grant.issuedAt) }] : []),
          ...(grant.offerDeadline ? [{ key: 'Answer by', value: formatDate(grant.offerDeadline) }] : []),
          ...(grant.acceptance
            ? [
                {
                  key: 'Accepted',
                  value: `By ${grant.acceptance.fullName} (${grant.acceptance.role}) on ${formatDate(grant.acceptance.at)}`,
                },
              ]
            : []),
          ...(grant.declineReason ? [{ key: 'Why the group declined', value: grant.declineReason }] : []),
          ...(grant.endReason ? [{ key: 'Why it was ended', value: grant.endReason }] : []),
        ]}
      />
      <p className="govuk-body">
        <AppLink to={`/grants/${grant.id}/agreement`}>Read the grant agreement</AppLink> (it prints on A4)
      </p>
      {can(me, { action: 'finance.ledger' }) && (
        <p className="govuk-body">
          <AppLink to={`/grants/${grant.id}/payments`}>Payments and money returned</AppLink>
        </p>
      )}
      {/* The audit chain (decision 0026) */}
      {can(me, { action: 'audit.browse' }) && (
        <p className="govuk-body">
          <AppLink to={`/admin/audit?${new URLSearchParams({ entityType: 'grant', entityId: grant.id })}`}>
            History<span className="govuk-visually-hidden"> of this grant</span>
          </AppLink>
        </p>
      )}
      {grant.permissions.change && <DraftActions grant={grant} />}
      {grant.permissions.answer && <AcceptOffer grant={grant} />}
      {grant.permissions.end && (
        <ButtonLink to={`/grants/${grant.id}/end`} variant="warning">
          End this offer
        </ButtonLink>
      )}
      {staffView && (
        <>
          <h2 className="govuk-heading-m">Ready for the first payment?</h2>
          {grant.firstPaymentBlockers.length === 0 ? (
            <InsetText>
              Yes: the offer is accepted and every condition before the first payment is met.
            </InsetText>
          ) : (
            <ul className="govuk-list govuk-list--bullet">
              {grant.firstPaymentBlockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <GrantReportsSection grantId={grant.id} />
      <OfferTerms
        grant={grant}
        {...(grant.permissions.tickConditions
          ? { conditionAction: (c) => <MarkMet grant={grant} conditionId={c.id} text={c.text} /> }
          : {})}
      />
    </Page>
  );
}
