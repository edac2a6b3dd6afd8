import { countWords } from '@cf/shared';
import { type Ref, type TextareaHTMLAttributes, useEffect, useState } from 'react';

/** Screen readers hear the count once typing pauses, not at every key (as GOV.UK Frontend does). */
const ANNOUNCE_AFTER_MS = 1_000;

/**
 * GOV.UK character count, counting words: a textarea that says how many words are left as you
 * type. The visible message updates at once; screen readers hear it after a pause in typing.
 */
export function WordCountTextarea({
  id,
  label,
  hint,
  error,
  maxWords,
  value,
  isPageHeading,
  ref,
  ...textarea
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value'> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  maxWords: number;
  value: string;
  isPageHeading?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const words = countWords(value);
  const left = maxWords - words;
  const message =
    left >= 0
      ? `You have ${left} ${left === 1 ? 'word' : 'words'} remaining`
      : `You have ${-left} ${left === -1 ? 'word' : 'words'} too many`;
  const [announced, setAnnounced] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(message), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const over = left < 0;
  const labelElement = (
    <label className={`govuk-label${isPageHeading ? ' govuk-label--l' : ' govuk-label--s'}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className="govuk-form-group govuk-character-count" data-module="govuk-character-count">
      <div className={error ? 'govuk-form-group--error' : undefined}>
        {isPageHeading ? <h1 className="govuk-label-wrapper">{labelElement}</h1> : labelElement}
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <textarea
          id={id}
          ref={ref}
          className={`govuk-textarea govuk-js-character-count${error || over ? ' govuk-textarea--error' : ''}`}
          rows={textarea.rows ?? 6}
          aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null, `${id}-info`]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={error ? true : undefined}
          {...textarea}
          name={textarea.name ?? id}
        />
      </div>
      <div
        id={`${id}-info`}
        className={`govuk-hint govuk-character-count__message${over ? ' govuk-error-message' : ''}`}
        aria-hidden="true"
      >
        {message}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
