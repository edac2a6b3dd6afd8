import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type TagColour =
  | 'grey'
  | 'green'
  | 'turquoise'
  | 'blue'
  | 'light-blue'
  | 'purple'
  | 'pink'
  | 'red'
  | 'orange'
  | 'yellow';

export function Tag({ colour, children }: { colour?: TagColour | undefined; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  /** A "Change" style link; `hidden` completes it for screen readers ("Change name"). */
  action?: { to: string; text: string; hidden: string } | undefined;
}

export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={`govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`}>
      {rows.map((row, index) => (
        <div
          className={`govuk-summary-list__row${row.action ? '' : ' govuk-summary-list__row--no-actions'}`}
          key={index}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action && (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hidden}</span>
              </Link>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * GOV.UK table; scrolls sideways on a narrow screen rather than squashing. With `stack`, a table
 * too wide for a phone lays each row out as a block instead, each cell under its column's header
 * (below GOV.UK's tablet width), so it never needs scrolling sideways.
 */
export function Table<T>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
  stack,
}: {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  stack?: boolean;
}) {
  return (
    // A table wider than the screen scrolls inside this region, which keyboard users must be able
    // to reach to scroll it (WCAG 2.1.1; axe "scrollable-region-focusable").
    <section
      className="app-table-wrapper"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable region must take focus
      tabIndex={0}
      aria-label={typeof caption === 'string' ? caption : 'Table'}
    >
      <table className={`govuk-table${stack ? ' app-table--stack' : ''}`}>
        <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column, index) => (
              <th
                scope="col"
                key={index}
                className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)}>
              {columns.map((column, index) => (
                <td
                  key={index}
                  className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}
                  data-label={stack && typeof column.header === 'string' ? column.header : undefined}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function NotificationBanner({
  title = 'Important',
  success,
  children,
}: {
  title?: string;
  success?: boolean;
  children: ReactNode;
}) {
  const inner = (
    <>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {success ? 'Success' : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </>
  );
  // A success banner follows an action, so it is announced at once (role="alert"), as GOV.UK does.
  return success ? (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      data-module="govuk-notification-banner"
    >
      {inner}
    </div>
  ) : (
    <section
      className="govuk-notification-banner"
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      {inner}
    </section>
  );
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function Details({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export function BackLink({ to, children = 'Back' }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export function AppLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="govuk-link">
      {children}
    </Link>
  );
}
