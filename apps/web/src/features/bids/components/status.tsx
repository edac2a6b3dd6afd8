import { BID_STATUS_LABELS, type BidStatus, type Timeline } from '@cf/shared';
import { Tag, type TagColour } from '../../../components/ui/content';
import { formatDateTime } from '../../../lib/format';

const COLOURS: Record<BidStatus, TagColour> = {
  draft: 'grey',
  submitted: 'blue',
  eligible: 'turquoise',
  ineligible: 'red',
  in_assessment: 'light-blue',
  scored: 'purple',
  awarded: 'green',
  rejected: 'red',
  deferred: 'yellow',
  withdrawn: 'grey',
};

export function BidStatusTag({ status, returned }: { status: BidStatus; returned?: boolean }) {
  if (status === 'draft' && returned) return <Tag colour="orange">Changes needed</Tag>;
  return <Tag colour={COLOURS[status]}>{BID_STATUS_LABELS[status]}</Tag>;
}

/** What has happened to a bid, oldest first. */
export function BidTimeline({ timeline }: { timeline: Timeline }) {
  if (timeline.events.length === 0) return <p className="govuk-body">Nothing yet.</p>;
  return (
    <ol className="govuk-list">
      {timeline.events.map((event) => (
        <li key={`${event.at}-${event.what}`} className="govuk-!-margin-bottom-4">
          <strong>{event.what}</strong>
          <br />
          <span className="govuk-body-s app-muted">
            {formatDateTime(event.at)}, by {event.by}
          </span>
          {event.detail && <p className="govuk-body-s govuk-!-margin-top-1 app-pre-wrap">{event.detail}</p>}
        </li>
      ))}
    </ol>
  );
}
