import { ASSIGNMENT_STATUS_LABELS, type AssignmentStatus } from '@cf/shared';
import { Tag, type TagColour } from '../../../components/ui/content';

const ASSIGNMENT_COLOURS: Record<AssignmentStatus, TagColour> = {
  awaiting_declaration: 'blue',
  scoring: 'light-blue',
  submitted: 'green',
  conflict: 'grey',
  removed: 'grey',
  closed: 'grey',
};

/** Where an assessor is with one bid, for the assessor's list and the officer's assessment page. */
export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  return <Tag colour={ASSIGNMENT_COLOURS[status]}>{ASSIGNMENT_STATUS_LABELS[status]}</Tag>;
}
