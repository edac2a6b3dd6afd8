import type { ReactNode } from 'react';

/** One series of a bar chart: its name and how its bars look. */
export interface BarSeries {
  name: string;
  /** `app-bar--a` (dark blue) or `app-bar--b` (light blue): the key shows which is which. */
  className: 'app-bar--a' | 'app-bar--b';
}

/**
 * Bars for people who prefer to look. Hidden from screen readers: every chart sits beside a table
 * holding the same figures (the table is the chart's equivalent, and the one to copy from), so the
 * chart adds nothing to hear. Each row's bars are scaled to the largest value in the chart; a
 * value below zero draws no bar.
 */
export function BarChart({
  title,
  series,
  rows,
}: {
  title: ReactNode;
  series: readonly BarSeries[];
  rows: readonly { key: string; label: string; values: readonly number[] }[];
}) {
  const largest = Math.max(1, ...rows.flatMap((row) => row.values));
  return (
    <figure className="app-bar-chart" aria-hidden="true">
      <figcaption className="govuk-body govuk-!-font-weight-bold">{title}</figcaption>
      <p className="govuk-body-s app-bar-chart__key">
        {series.map((s) => (
          <span key={s.name} className="app-bar-chart__key-item">
            <span className={`app-bar-chart__swatch ${s.className}`} /> {s.name}
          </span>
        ))}
      </p>
      {rows.map((row) => (
        <div className="app-bar-chart__row" key={row.key}>
          <span className="app-bar-chart__label govuk-body-s">{row.label}</span>
          <span className="app-bar-chart__bars">
            {series.map((s, index) => (
              <span
                key={s.name}
                className={`app-bar ${s.className}`}
                style={{ width: `${(Math.max(0, row.values[index] ?? 0) / largest) * 100}%` }}
              />
            ))}
          </span>
        </div>
      ))}
    </figure>
  );
}
