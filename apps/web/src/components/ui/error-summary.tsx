import { useEffect, useRef } from 'react';

import type { ErrorItem } from '../../lib/forms';

/**
 * GOV.UK error summary: shown at the top of the page after a failed submit, focused so screen
 * readers announce it, each error linking to its field.
 */
export function ErrorSummary({
  errors,
  title = 'There is a problem',
}: {
  errors: ErrorItem[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.href}:${e.text}`).join('|');
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.href}-${error.text}`}>
                {error.href ? (
                  <a
                    href={`#${error.href}`}
                    onClick={(event) => {
                      // Move focus to the field itself, as GOV.UK Frontend does, not just scroll.
                      const target = document.getElementById(error.href ?? '');
                      if (target) {
                        event.preventDefault();
                        target.scrollIntoView({ block: 'center' });
                        target.focus();
                      }
                    }}
                  >
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
