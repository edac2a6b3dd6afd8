import { type Assignment, formatDate } from '@cf/shared';
import { Link } from 'react-router';
import { AssignmentStatusTag } from './assignment-status';

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

/**
 * When scores are due, in plain words: "Scores due by 12 March 2026 (in 5 days)", "… (today)", or,
 * past it, "Scores were due by 3 March 2026 (2 days ago)". Null when the fund has no deadline.
 */
export function dueWords(scoresDueOn: string | null, today: string): { text: string; late: boolean } | null {
  if (!scoresDueOn) return null;
  const days = daysBetween(today, scoresDueOn);
  const date = formatDate(scoresDueOn);
  if (days < 0) {
    return {
      text: `Scores were due by ${date} (${-days === 1 ? '1 day' : `${-days} days`} ago)`,
      late: true,
    };
  }
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return { text: `Scores due by ${date} (${when})`, late: false };
}

/**
 * Bids to assess as a GOV.UK task list: each bid a link, with its group, fund and scoring deadline
 * beneath, and where the assessor is with it on the right. No table: it fits a phone as it is.
 */
export function AssignmentList({
  assignments,
  today,
  showDue,
}: {
  assignments: Assignment[];
  today: string;
  /** Deadlines matter for bids still to do; for those done they are only noise. */
  showDue: boolean;
}) {
  return (
    <ul className="govuk-task-list">
      {assignments.map((a) => {
        const hintId = `assignment-${a.id}-hint`;
        const statusId = `assignment-${a.id}-status`;
        const due = showDue ? dueWords(a.scoresDueOn, today) : null;
        return (
          <li className="govuk-task-list__item govuk-task-list__item--with-link" key={a.id}>
            <div className="govuk-task-list__name-and-hint">
              <Link
                className="govuk-link govuk-task-list__link"
                to={`/assess/${a.id}`}
                aria-describedby={`${hintId} ${statusId}`}
              >
                {a.bidTitle ?? 'Untitled bid'}
              </Link>
              <div id={hintId} className="govuk-task-list__hint">
                {a.bidReference}, {a.organisationName}, {a.fundName}
                {due && (
                  <>
                    <br />
                    {due.late ? <strong className="app-late">{due.text}</strong> : due.text}
                  </>
                )}
              </div>
            </div>
            <div className="govuk-task-list__status" id={statusId}>
              <AssignmentStatusTag status={a.status} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
