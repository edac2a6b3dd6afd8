import { type ReactNode, useId } from 'react';
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
  /**
   * The header in words, shown above each value when the table's rows stack on a phone. Defaults to
   * the header when it is text; a column of buttons (a visually hidden header) has none.
   */
  label?: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * A table part's own role, said outright: a table whose parts are displayed as blocks (on a phone,
 * below) loses its table semantics in some browsers unless the roles are explicit.
 */
const role = (name: 'table' | 'rowgroup' | 'row' | 'columnheader' | 'cell') => ({ role: name });

/**
 * GOV.UK table. On a phone-sized screen each row stacks as a card, every value under its column's
 * name, so no table needs scrolling sideways (WCAG 1.4.10) and nothing is cut off. The explicit
 * roles keep it a table for screen readers when its parts are displayed as blocks (browsers drop
 * table semantics otherwise). Wider than its column on a bigger screen, it scrolls inside a region
 * keyboard users can reach (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function Table<T>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
}: {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  const labels = columns.map(
    (column) => column.label ?? (typeof column.header === 'string' ? column.header : ''),
  );
  return (
    <section
      className="app-table-wrapper"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable region must take focus
      tabIndex={0}
      aria-label={typeof caption === 'string' ? caption : 'Table'}
    >
      <table className="govuk-table app-table--stack" {...role('table')}>
        <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
        <thead className="govuk-table__head" {...role('rowgroup')}>
          <tr className="govuk-table__row" {...role('row')}>
            {columns.map((column, index) => (
              <th
                scope="col"
                key={index}
                {...role('columnheader')}
                className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body" {...role('rowgroup')}>
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)} {...role('row')}>
              {columns.map((column, index) => (
                <td
                  key={index}
                  {...role('cell')}
                  // Shown above the value on a phone (CSS), out of reach of screen readers, which
                  // read the column's header already, and of the cell's text.
                  data-label={labels[index] || undefined}
                  className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}
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
  // Unique, so two banners on one page each name their own region.
  const titleId = useId();
  const inner = (
    <>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
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
      aria-labelledby={titleId}
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

export function Details({
  summary,
  children,
  open,
  onToggle,
}: {
  summary: ReactNode;
  children: ReactNode;
  /** Open or closed from outside (an "open all sections" control); left alone otherwise. */
  open?: boolean;
  onToggle?: (open: boolean) => void;
}) {
  return (
    <details
      className="govuk-details"
      {...(open === undefined ? {} : { open })}
      {...(onToggle ? { onToggle: (event) => onToggle(event.currentTarget.open) } : {})}
    >
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
