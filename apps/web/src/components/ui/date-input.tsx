import type { FieldValues, Path, UseFormRegister, UseFormRegisterReturn } from 'react-hook-form';

/**
 * GOV.UK date input: day, month and year in three boxes, in a fieldset. `register` gives the three
 * registered inputs, e.g. register('startDate.day').
 */
export function DateInput({
  id,
  legend,
  hint = 'For example, 27 3 2027',
  error,
  fields,
  legendSize = 's',
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  fields: { day: UseFormRegisterReturn; month: UseFormRegisterReturn; year: UseFormRegisterReturn };
  legendSize?: 's' | 'm' | 'l';
}) {
  const parts = [
    { key: 'day', label: 'Day', width: '2' },
    { key: 'month', label: 'Month', width: '2' },
    { key: 'year', label: 'Year', width: '4' },
  ] as const;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
      >
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="govuk-date-input__item" key={part.key}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${error ? ' govuk-input--error' : ''}`}
                  id={`${id}-${part.key}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  {...fields[part.key]}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The three registered inputs of a date held as { day, month, year } at `name`. */
export function dateFields<T extends FieldValues>(register: UseFormRegister<T>, name: string) {
  return {
    day: register(`${name}.day` as Path<T>),
    month: register(`${name}.month` as Path<T>),
    year: register(`${name}.year` as Path<T>),
  };
}
