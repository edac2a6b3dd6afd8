import { type FormEvent, type ReactNode, useId } from 'react';
import { useNavigate } from 'react-router';

/**
 * A list's filters as a GET form with a heading. Only what is chosen goes in the address (empty
 * fields and values equal to their default are left out), so it stays short and can be shared; the
 * list's page starts again at its first.
 */
export function FilterForm({
  path,
  title,
  defaults = {},
  children,
}: {
  /** The list's address, e.g. "/bids". */
  path: string;
  title: string;
  /** Values that are the list's default and need not be in the address (e.g. sort=updated). */
  defaults?: Record<string, string>;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const formId = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value !== 'string') continue;
      const chosen = value.trim();
      if (chosen !== '' && defaults[key] !== chosen) query.set(key, chosen);
    }
    const text = query.toString();
    navigate(`${path}${text ? `?${text}` : ''}`);
  };
  return (
    <form
      method="get"
      action={path}
      className="govuk-!-margin-bottom-6"
      onSubmit={onSubmit}
      aria-labelledby={formId}
    >
      <h2 className="govuk-heading-m" id={formId}>
        {title}
      </h2>
      {children}
    </form>
  );
}
