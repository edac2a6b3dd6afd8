import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useState,
} from 'react';

function describedBy(id: string, hint?: ReactNode, error?: string, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function ErrorMessage({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

type LabelSize = 's' | 'm' | 'l' | 'xl';

function Label({
  id,
  label,
  size,
  isPageHeading,
}: {
  id: string;
  label: ReactNode;
  size?: LabelSize | undefined;
  isPageHeading?: boolean | undefined;
}) {
  const className = `govuk-label${size ? ` govuk-label--${size}` : ''}`;
  const element = (
    <label className={className} htmlFor={id}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{element}</h1> : element;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  labelSize?: LabelSize;
  isPageHeading?: boolean;
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelSize,
  isPageHeading,
  width,
  prefix,
  ref,
  className,
  ...input
}: FieldProps &
  InputHTMLAttributes<HTMLInputElement> & {
    width?: '2' | '3' | '4' | '5' | '10' | '20' | '30';
    prefix?: string;
    ref?: Ref<HTMLInputElement>;
  }) {
  const inputClass = [
    'govuk-input',
    width ? `govuk-input--width-${width}` : '',
    error ? 'govuk-input--error' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const field = (
    <input
      id={id}
      ref={ref}
      className={inputClass}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      {...input}
      name={input.name ?? id}
    />
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={label} size={labelSize} isPageHeading={isPageHeading} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {prefix ? (
        <div className="govuk-input__wrapper">
          <div className="govuk-input__prefix" aria-hidden="true">
            {prefix}
          </div>
          {field}
        </div>
      ) : (
        field
      )}
    </div>
  );
}

/** GOV.UK password input: paste allowed, with a button to show the password. */
export function PasswordInput({
  id,
  label,
  hint,
  error,
  ref,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const [shown, setShown] = useState(false);
  return (
    <div className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={label} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          id={id}
          ref={ref}
          className={`govuk-input govuk-password-input__input govuk-js-password-input-input${error ? ' govuk-input--error' : ''}`}
          type={shown ? 'text' : 'password'}
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
          {...input}
          name={input.name ?? id}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          aria-controls={id}
          onClick={() => setShown((value) => !value)}
        >
          {shown ? 'Hide' : 'Show'}
          <span className="govuk-visually-hidden"> password</span>
        </button>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {shown ? 'Your password is visible' : ''}
      </div>
    </div>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  labelSize,
  isPageHeading,
  ref,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={label} size={labelSize} isPageHeading={isPageHeading} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <textarea
        id={id}
        ref={ref}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        rows={5}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...textarea}
        name={textarea.name ?? id}
      />
    </div>
  );
}

export function Select({
  id,
  label,
  hint,
  error,
  options,
  ref,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: { value: string; text: string }[];
    ref?: Ref<HTMLSelectElement>;
  }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={label} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <select
        id={id}
        ref={ref}
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...select}
        name={select.name ?? id}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ChoiceOption {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
}

interface ChoicesProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  /** The id of the first option, which the error summary links to. */
  id: string;
  legend: ReactNode;
  legendSize?: LabelSize;
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  options: ChoiceOption[];
  inline?: boolean;
  small?: boolean;
  ref?: Ref<HTMLInputElement>;
}

function Choices({
  type,
  id,
  legend,
  legendSize,
  isPageHeading,
  hint,
  error,
  options,
  inline,
  small,
  ref,
  ...input
}: ChoicesProps & { type: 'radio' | 'checkbox' }) {
  const base = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  const legendClass = `govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendClass}>
          {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div
          className={[base, inline ? `${base}--inline` : '', small ? `${base}--small` : '']
            .filter(Boolean)
            .join(' ')}
          data-module={base}
        >
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className={`${base}__item`} key={option.value}>
                <input
                  className={`${base}__input`}
                  id={optionId}
                  type={type}
                  value={option.value}
                  ref={ref}
                  aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
                  {...input}
                  name={input.name ?? id}
                />
                <label className={`govuk-label ${base}__label`} htmlFor={optionId}>
                  {option.text}
                </label>
                {option.hint && (
                  <div id={`${optionId}-item-hint`} className={`govuk-hint ${base}__hint`}>
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios(props: ChoicesProps) {
  return <Choices type="radio" {...props} />;
}

export function Checkboxes(props: ChoicesProps) {
  return <Choices type="checkbox" {...props} />;
}
