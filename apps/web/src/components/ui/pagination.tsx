import { MAX_PAGE, type PageInfo, pageCount } from '@cf/shared';
import { Link, useLocation } from 'react-router';

/** The page a list's address asks for (`?page=`), or the first. */
export function pageParam(search: URLSearchParams): number {
  const page = Number(search.get('page'));
  return Number.isSafeInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

/**
 * The pages to offer, as GOV.UK pagination does: the first, the last, the current one and those
 * either side of it; null where pages are left out (shown as "⋯").
 */
export function pageItems(current: number, last: number): (number | null)[] {
  const items: (number | null)[] = [];
  for (let page = 1; page <= last; page++) {
    if (page === 1 || page === last || Math.abs(page - current) <= 1) items.push(page);
    else if (items.at(-1) !== null) items.push(null);
  }
  return items;
}

/** "Showing 26 to 29 of 29 bids", for above a list that runs over more than one page. */
export function showing(info: PageInfo, things: string): string {
  const from = Math.min(info.total, (info.page - 1) * info.pageSize + 1);
  const to = Math.min(info.total, info.page * info.pageSize);
  return `Showing ${from} to ${to} of ${info.total} ${things}`;
}

function PrevIcon() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--prev"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
    </svg>
  );
}

function NextIcon() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--next"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
    </svg>
  );
}

/**
 * GOV.UK pagination for a list read by a cursor (the audit trail): only "previous" and "next", each
 * with a label saying where it goes, as the block style of the GOV.UK pattern does.
 */
export function CursorPagination({
  previous,
  next,
  label = 'Pages',
}: {
  previous?: { to: string; text: string } | undefined;
  next?: { to: string; text: string } | undefined;
  label?: string;
}) {
  if (!previous && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {previous && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={previous.to} rel="prev">
            <PrevIcon />
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{previous.text}</span>
          </Link>
        </div>
      )}
      {next && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={next.to} rel="next">
            <NextIcon />
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{next.text}</span>
          </Link>
        </div>
      )}
    </nav>
  );
}

/**
 * GOV.UK pagination under a list: previous and next, and the page numbers. Links keep the rest of
 * the address (filters) and change only `?page=`. Nothing shows when the list fits on one page.
 */
export function Pagination({ info, label = 'Pages' }: { info: PageInfo; label?: string }) {
  const location = useLocation();
  const last = pageCount(info);
  if (last <= 1 && info.page <= 1) return null;
  const to = (page: number) => {
    const search = new URLSearchParams(location.search);
    if (page === 1) search.delete('page');
    else search.set('page', String(page));
    const query = search.toString();
    return `${location.pathname}${query ? `?${query}` : ''}`;
  };
  const current = Math.min(info.page, last);
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {info.page > 1 && (
        <div className="govuk-pagination__prev">
          <Link
            className="govuk-link govuk-pagination__link"
            to={to(current === info.page ? current - 1 : last)}
            rel="prev"
          >
            <PrevIcon />
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
      <ul className="govuk-pagination__list">
        {pageItems(current, last).map((page, index) =>
          page === null ? (
            <li key={`gap-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              {'⋯'}
            </li>
          ) : (
            <li
              key={page}
              className={`govuk-pagination__item${page === info.page ? ' govuk-pagination__item--current' : ''}`}
            >
              <Link
                className="govuk-link govuk-pagination__link"
                to={to(page)}
                aria-label={`Page ${page}`}
                aria-current={page === info.page ? 'page' : undefined}
              >
                {page}
              </Link>
            </li>
          ),
        )}
      </ul>
      {info.page < last && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={to(info.page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <NextIcon />
          </Link>
        </div>
      )}
    </nav>
  );
}
