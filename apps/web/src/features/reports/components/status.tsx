import { RAG_LABELS, RAG_MEANINGS, type RagRating, REPORT_STATE_LABELS, type ReportState } from '@cf/shared';
import { Tag, type TagColour } from '../../../components/ui/content';

const COLOURS: Record<ReportState, TagColour> = {
  not_started: 'grey',
  draft: 'light-blue',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  overdue: 'red',
};

/** Where a report stands: its status, or "Overdue" once its due date has passed unsent. */
export function ReportStateTag({ state }: { state: ReportState }) {
  return <Tag colour={COLOURS[state]}>{REPORT_STATE_LABELS[state]}</Tag>;
}

const RAG_COLOURS: Record<RagRating, TagColour> = { green: 'green', amber: 'yellow', red: 'red' };

/** A red, amber or green rating, in words as well as colour. */
export function RagTag({ rating }: { rating: RagRating }) {
  return (
    <Tag colour={RAG_COLOURS[rating]}>
      {RAG_LABELS[rating]}: {RAG_MEANINGS[rating].toLowerCase()}
    </Tag>
  );
}
