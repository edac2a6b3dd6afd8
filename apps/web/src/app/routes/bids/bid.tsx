import { ATTACHMENT_KINDS, type BidDetail } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useLocation, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { ButtonLink } from '../../../components/ui/button';
import {
  AppLink,
  InsetText,
  NotificationBanner,
  SummaryList,
  WarningText,
} from '../../../components/ui/content';
import { type Task, TaskList } from '../../../components/ui/task-list';
import { meQueryOptions } from '../../../features/auth/api/me';
import { timelineQueryOptions } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { BidAnswers } from '../../../features/bids/components/answers';
import { BidStatusTag, BidTimeline } from '../../../features/bids/components/status';
import { can } from '../../../lib/authorization';
import { formatAmountAsked, formatDateTime, formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  const bidId = params.bidId ?? '';
  await Promise.all([loadBidContext(bidId), queryClient.ensureQueryData(timelineQueryOptions(bidId))]);
  return null;
}

function sectionTasks(bid: BidDetail): Task[] {
  const asked = bid.changesAsked;
  const tasks: Task[] = bid.sections.map((section) => ({
    id: section.key,
    title: section.title,
    href: `/bids/${bid.id}/sections/${section.key}`,
    // A section the grants team asked to change is not done until it is saved again.
    status: asked.sections.includes(section.key)
      ? 'changes_needed'
      : section.complete
        ? 'completed'
        : section.data
          ? 'in_progress'
          : 'not_started',
  }));
  const uploaded = bid.attachments.map((a) => a.kind);
  const missing = bid.requiredAttachments.filter((kind) => !uploaded.includes(kind));
  const needed = [...new Set([...bid.requiredAttachments, ...asked.documents])];
  tasks.splice(tasks.length - 1, 0, {
    id: 'documents',
    title: 'Supporting documents',
    href: `/bids/${bid.id}/documents`,
    hint: needed.map((k) => ATTACHMENT_KINDS[k].label).join(', '),
    status:
      asked.documents.length > 0
        ? 'changes_needed'
        : missing.length === 0
          ? 'completed'
          : uploaded.length > 0
            ? 'in_progress'
            : 'not_started',
  });
  return tasks;
}

/** The sections and documents the grants team asked to change, still to do, with where to change them. */
function ChangesAsked({ bid }: { bid: BidDetail }) {
  const { sections, documents } = bid.changesAsked;
  if (sections.length + documents.length === 0) return null;
  return (
    <>
      <p className="govuk-body">They asked you to change:</p>
      <ul className="govuk-list govuk-list--bullet">
        {sections.map((key) => (
          <li key={key}>
            <AppLink to={`/bids/${bid.id}/sections/${key}`}>
              {bid.sections.find((s) => s.key === key)?.title ?? key}
            </AppLink>
          </li>
        ))}
        {documents.map((kind) => (
          <li key={kind}>
            <AppLink to={`/bids/${bid.id}/documents`}>
              Upload a new {ATTACHMENT_KINDS[kind].label.toLowerCase()}
            </AppLink>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A draft, for the group: the task list. */
function DraftBid({ bid }: { bid: BidDetail }) {
  const location = useLocation();
  const savedSection = (location.state as { saved?: string } | null)?.saved;
  const tasks = sectionTasks(bid);
  const done = tasks.filter((t) => t.status === 'completed').length;
  const ready = bid.submitProblems.length === 0;
  return (
    <Page title={bid.title ?? 'Your bid'}>
      {savedSection && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">“{savedSection}” saved.</p>
        </NotificationBanner>
      )}
      {bid.returnMessage && (
        <NotificationBanner title="Changes needed">
          <p className="govuk-notification-banner__heading">
            The grants team has asked you to make some changes:
          </p>
          <p className="govuk-body app-pre-wrap">{bid.returnMessage}</p>
          <ChangesAsked bid={bid} />
          <p className="govuk-body">Make the changes, then check your answers and send your bid again.</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">
        {bid.fundName}: {bid.organisationName}
      </span>
      <h1 className="govuk-heading-l">{bid.title ?? 'Your bid'}</h1>
      <p className="govuk-body">
        You have completed {done} of {tasks.length} sections. Your answers are saved when you select “Save and
        continue” or “Save as draft” on each section. Then you can sign out and come back to them.
      </p>
      <InsetText>Send your bid by {formatDateTime(bid.closesAt)}.</InsetText>
      <TaskList tasks={tasks} />
      <h2 className="govuk-heading-m">Send your bid</h2>
      <TaskList
        tasks={[
          {
            id: 'check',
            title: 'Check your answers and send',
            href: ready ? `/bids/${bid.id}/check` : undefined,
            status: ready ? 'not_started' : 'cannot_start',
          },
        ]}
      />
      <p className="govuk-body">
        <AppLink to={`/bids/${bid.id}/withdraw`}>Withdraw this bid</AppLink>
      </p>
    </Page>
  );
}

/** A sent bid, or any bid seen by staff: where it stands, what happened, what it says. */
function BidOverview({ bid }: { bid: BidDetail }) {
  const { fund, reference, needs } = useBidContext(bid.id);
  const { data: timeline } = useSuspenseQuery(timelineQueryOptions(bid.id));
  const location = useLocation();
  const screened = (location.state as { screened?: string } | null)?.screened;
  const assignLink = `/funds/${bid.fundId}/assessment?bid=${bid.id}`;
  const { data: me } = useQuery(meQueryOptions());
  return (
    <Page title={bid.title ?? 'Bid'} wide>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {screened && (
            <NotificationBanner success>
              <p className="govuk-notification-banner__heading">
                {screened === 'eligible'
                  ? 'Marked as eligible.'
                  : 'Marked as not eligible. The group has been emailed why.'}
              </p>
              {screened === 'eligible' && bid.permissions.assign && (
                <p className="govuk-body">
                  Next, <AppLink to={assignLink}>assign assessors</AppLink> to it.
                </p>
              )}
            </NotificationBanner>
          )}
          <span className="govuk-caption-l">
            {bid.fundName}: {bid.organisationName}
          </span>
          <h1 className="govuk-heading-l">{bid.title ?? 'Untitled bid'}</h1>
          <SummaryList
            rows={[
              { key: 'Reference', value: bid.reference ?? 'Not sent yet' },
              {
                key: 'Status',
                value: <BidStatusTag status={bid.status} returned={bid.returnMessage !== null} />,
              },
              { key: 'Asking for', value: formatAmountAsked(bid.amountRequestedPence) },
              ...(bid.amountAwardedPence === null
                ? []
                : [
                    {
                      key: 'Awarded',
                      value: (
                        <>
                          {formatPence(bid.amountAwardedPence)}
                          {bid.grantId && (
                            <>
                              {' '}
                              <AppLink to={`/grants/${bid.grantId}`}>See the grant and its offer</AppLink>
                            </>
                          )}
                        </>
                      ),
                    },
                  ]),
              ...(bid.submittedAt ? [{ key: 'Sent', value: formatDateTime(bid.submittedAt) }] : []),
              { key: 'What happens next', value: bid.nextAction },
            ]}
          />
          {bid.returnMessage && bid.status === 'draft' && (
            <WarningText>Returned to the group for changes: {bid.returnMessage}</WarningText>
          )}
          {(bid.permissions.return ||
            bid.permissions.withdraw ||
            bid.permissions.screen ||
            bid.permissions.assign) && (
            <div className="govuk-button-group">
              {bid.permissions.screen && (
                <ButtonLink to={`/bids/${bid.id}/screen`}>Check eligibility</ButtonLink>
              )}
              {bid.permissions.assign && <ButtonLink to={assignLink}>Assign assessors</ButtonLink>}
              {bid.permissions.return && (
                <ButtonLink to={`/bids/${bid.id}/return`} variant="secondary">
                  Return for changes
                </ButtonLink>
              )}
              {bid.permissions.withdraw && (
                <ButtonLink to={`/bids/${bid.id}/withdraw`} variant="secondary">
                  Withdraw this bid
                </ButtonLink>
              )}
            </div>
          )}
          {bid.screening && (
            <>
              <h2 className="govuk-heading-m">Eligibility check</h2>
              <SummaryList
                rows={[
                  {
                    key: 'Decision',
                    value: bid.screening.decision === 'eligible' ? 'Eligible' : 'Not eligible',
                  },
                  { key: 'Documents checked', value: bid.screening.documentsValid ? 'Yes' : 'No' },
                  {
                    key: 'The group is who it says it is',
                    value: bid.screening.groupVerified ? 'Yes' : 'No',
                  },
                  ...(bid.screening.reason ? [{ key: 'Reason', value: bid.screening.reason }] : []),
                  {
                    key: 'Checked by',
                    value: `${bid.screening.screenedByName}, ${formatDateTime(bid.screening.screenedAt)}`,
                  },
                ]}
              />
            </>
          )}
          {!['draft', 'submitted', 'eligible', 'ineligible', 'withdrawn'].includes(bid.status) &&
            bid.screening && (
              <p className="govuk-body">
                <AppLink to={`/bids/${bid.id}/results`}>See the assessors’ scores</AppLink>
              </p>
            )}
          <h2 className="govuk-heading-m">What has happened</h2>
          <BidTimeline timeline={timeline} />
          {/* The audit chain (decision 0026) */}
          {can(me, { action: 'audit.browse' }) && (
            <p className="govuk-body">
              <AppLink to={`/admin/audit?${new URLSearchParams({ entityType: 'bid', entityId: bid.id })}`}>
                History<span className="govuk-visually-hidden"> of this bid in the audit trail</span>
              </AppLink>
            </p>
          )}
          <BidAnswers bid={bid} fund={fund} reference={reference} needs={needs} changeLinks={false} />
        </div>
      </div>
    </Page>
  );
}

export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  return bid.permissions.edit ? <DraftBid bid={bid} /> : <BidOverview bid={bid} />;
}
