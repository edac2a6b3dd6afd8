import { ATTACHMENT_KINDS, BID_SECTIONS, type BidToDo } from '@cf/shared';
import { Link } from 'react-router';
import { SummaryList } from '../../../components/ui/content';
import { formatDate, formatDateTime } from '../../../lib/format';

/** The sections and documents the grants team asked to change, in words. */
function changesAskedFor(todo: BidToDo): string[] {
  const { sections, documents } = todo.bid.changesAsked;
  return [
    ...sections.map((key) => BID_SECTIONS.find((s) => s.key === key)?.title ?? key),
    ...documents.map((kind) => `a new ${ATTACHMENT_KINDS[kind].label.toLowerCase()}`),
  ];
}

/** Where each to-do is done: the report, the offer on the grant page, or the bid. */
function linkOf(todo: BidToDo): string {
  if (todo.reportId) return `/reports/${todo.reportId}`;
  if (todo.grantId) return `/grants/${todo.grantId}`;
  return `/bids/${todo.bid.id}`;
}

/**
 * What a group must do about its bids, offers and reports, each as a GOV.UK summary card: the bid, what to do and by
 * when. The first thing on an applicant's home page.
 */
export function BidToDoCards({ items, showGroup }: { items: BidToDo[]; showGroup: boolean }) {
  return (
    <>
      {items.map((todo) => {
        const changes = todo.kind === 'change' ? changesAskedFor(todo) : [];
        const title = todo.bid.title ?? 'Untitled bid';
        return (
          <div className="govuk-summary-card" key={`${todo.kind}-${todo.bid.id}`}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                <Link className="govuk-link" to={linkOf(todo)}>
                  {title}
                </Link>
              </h3>
            </div>
            <div className="govuk-summary-card__content">
              <SummaryList
                rows={[
                  {
                    key: 'What to do',
                    value: (
                      <>
                        {todo.what}
                        {changes.length > 0 && (
                          <>
                            . Change: <strong>{changes.join(', ')}</strong>
                          </>
                        )}
                      </>
                    ),
                  },
                  {
                    key: todo.kind === 'offer' ? 'Answer by' : todo.kind === 'report' ? 'Due' : 'Send it by',
                    value: (
                      <strong>
                        {todo.kind === 'offer' || todo.kind === 'report'
                          ? formatDate(todo.dueAt)
                          : formatDateTime(todo.dueAt)}
                      </strong>
                    ),
                  },
                  ...(showGroup ? [{ key: 'Group', value: todo.bid.organisationName }] : []),
                  { key: 'Fund', value: todo.bid.fundName },
                ]}
              />
            </div>
          </div>
        );
      })}
    </>
  );
}
