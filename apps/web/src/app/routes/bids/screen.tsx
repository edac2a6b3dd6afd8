import {
  ATTACHMENT_KINDS,
  ELIGIBILITY_QUESTIONS,
  formatDate,
  formatPence,
  ORGANISATION_TYPES,
  ScreeningBody,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, BackLink, SummaryList } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Checkboxes, Radios, Textarea } from '../../../components/ui/form';
import { useScreenBid } from '../../../features/assessment/api/assessment';
import { bidQueryOptions } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { organisationQueryOptions } from '../../../features/organisations/api/organisations';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'bid.screen' });
  await loadBidContext(params.bidId ?? '');
  const bid = await queryClient.ensureQueryData(bidQueryOptions(params.bidId ?? ''));
  await queryClient.ensureQueryData(organisationQueryOptions(bid.organisationId));
  return null;
}

interface ScreenForm {
  documentsValid: boolean | string;
  groupVerified: boolean | string;
  decision?: string;
  reason: string;
}
const FIELDS = ['documentsValid', 'groupVerified', 'decision', 'reason'];
const yes = (value: boolean | string) => value === true || value === 'yes';

export function Component() {
  const { bidId = '' } = useParams();
  const { bid, fund } = useBidContext(bidId);
  const { data: group } = useSuspenseQuery(organisationQueryOptions(bid.organisationId));
  const groupType = ORGANISATION_TYPES[group.type];
  const navigate = useNavigate();
  const screen = useScreenBid(bidId);
  const form = useForm<ScreenForm, unknown, z.output<typeof ScreeningBody>>({
    defaultValues: { documentsValid: false, groupVerified: false, reason: '' },
    resolver: sharedResolver(
      () => ScreeningBody,
      (v) => ({
        ...(v.decision ? { decision: v.decision } : {}),
        checks: { documentsValid: yes(v.documentsValid), groupVerified: yes(v.groupVerified) },
        ...(v.decision === 'ineligible' ? { reason: v.reason } : {}),
      }),
      (path) => (path === '' ? 'decision' : path),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const decision = form.watch('decision');

  if (!bid.permissions.screen) return <Navigate to={`/bids/${bidId}`} replace />;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await screen.mutateAsync(body);
      navigate(`/bids/${bidId}`, { state: { screened: body.decision } });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  const fill = (text: string) =>
    text
      .replaceAll('{cap}', formatPence(fund.capPence))
      .replaceAll('{deliveryEnds}', formatDate(fund.deliveryEndsOn));
  return (
    <Page
      title="Check eligibility"
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to the bid</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">
        {bid.reference}: {bid.organisationName}
      </span>
      <h1 className="govuk-heading-l">Check eligibility</h1>
      <section aria-labelledby="the-group">
        <h2 className="govuk-heading-m" id="the-group">
          The group
        </h2>
        <SummaryList
          rows={[
            { key: 'Name', value: <AppLink to={`/groups/${group.id}`}>{group.name}</AppLink> },
            { key: 'Kind of group', value: groupType.label },
            {
              key: groupType.numberLabel ?? 'Registered number',
              value: group.registeredNumber ?? 'None: it is not registered with anyone',
            },
            {
              key: 'Address',
              value: (
                <span className="app-pre-wrap">
                  {[group.addressLine1, group.addressLine2, group.town, group.postcode]
                    .filter(Boolean)
                    .join('\n')}
                </span>
              ),
            },
            { key: 'Main contact', value: `${group.contactName}, ${group.contactEmail}` },
          ]}
        />
      </section>
      <h2 className="govuk-heading-m">The group’s answers</h2>
      <SummaryList
        rows={ELIGIBILITY_QUESTIONS.filter((q) => bid.eligibility[q.id] !== undefined).map((q) => ({
          key: fill(q.question),
          value: bid.eligibility[q.id] === 'yes' ? 'Yes' : 'No',
        }))}
      />
      <h2 className="govuk-heading-m">Documents</h2>
      {bid.attachments.length === 0 && <p className="govuk-body">The group has uploaded no documents.</p>}
      <ul className="govuk-list">
        {bid.attachments.map((a) => (
          <li key={a.id}>
            {ATTACHMENT_KINDS[a.kind].label}:{' '}
            <a className="govuk-link" href={`/api/bids/${bid.id}/attachments/${a.id}`} download>
              {a.filename}
            </a>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} noValidate>
        <Checkboxes
          id="documentsValid"
          legend="Your checks"
          legendSize="m"
          error={errors.documentsValid?.message}
          options={[
            {
              value: 'yes',
              text: 'The documents are here and are what they say they are',
              hint: 'The governing document and accounts (or bank statement) open, and are the group’s own',
            },
          ]}
          {...form.register('documentsValid')}
        />
        <Checkboxes
          id="groupVerified"
          legend={<span className="govuk-visually-hidden">Group check</span>}
          error={errors.groupVerified?.message}
          options={[
            {
              value: 'yes',
              text: 'The group is who it says it is',
              hint: groupType.numberLabel
                ? `Its name and address match its documents, and its ${groupType.numberLabel.toLowerCase()} is on the public register`
                : 'Its name and address match its governing document',
            },
          ]}
          {...form.register('groupVerified')}
        />
        <Radios
          id="decision"
          legend="Is the bid eligible?"
          legendSize="m"
          error={errors.decision?.message}
          options={[
            { value: 'eligible', text: 'Yes, it is eligible', hint: 'It goes on to assessment' },
            { value: 'ineligible', text: 'No, it is not eligible', hint: 'The group is emailed the reason' },
          ]}
          {...form.register('decision')}
        />
        {decision === 'ineligible' && (
          <Textarea
            id="reason"
            label="Why is it not eligible?"
            hint="The group will see exactly this"
            error={errors.reason?.message}
            {...form.register('reason')}
          />
        )}
        <Button disabled={isSubmitting}>Save</Button>
      </form>
      <p className="govuk-body">
        If the group only needs to fix something,{' '}
        <AppLink to={`/bids/${bidId}/return`}>return the bid for changes</AppLink> instead.
      </p>
    </Page>
  );
}
