import { type ReactNode, useEffect } from 'react';

export const SERVICE_NAME = 'Communities Fund';
export const COUNCIL_NAME = 'Peterborough City Council';

/** Sets the browser tab's title the GOV.UK way: "Error: " first when the page shows errors. */
export function useTitle(title: string, hasError = false): void {
  useEffect(() => {
    document.title = `${hasError ? 'Error: ' : ''}${title} – ${SERVICE_NAME} – ${COUNCIL_NAME}`;
  }, [title, hasError]);
}

/** A page's content in the two-thirds column most GOV.UK pages use. */
export function Page({
  title,
  hasError,
  children,
  wide,
  before,
}: {
  title: string;
  hasError?: boolean;
  children: ReactNode;
  /** Full width, for tables. */
  wide?: boolean;
  /** Above the main content: a back link. */
  before?: ReactNode;
}) {
  useTitle(title, hasError);
  return (
    <>
      {before}
      <div className="govuk-grid-row">
        <div className={wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds'}>{children}</div>
      </div>
    </>
  );
}
