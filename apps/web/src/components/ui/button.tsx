import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';

type Variant = 'primary' | 'secondary' | 'warning' | 'start';

function classes(variant: Variant, extra?: string): string {
  const names = ['govuk-button'];
  if (variant === 'secondary') names.push('govuk-button--secondary');
  if (variant === 'warning') names.push('govuk-button--warning');
  if (variant === 'start') names.push('govuk-button--start');
  if (extra) names.push(extra);
  return names.join(' ');
}

export function Button({
  variant = 'primary',
  className,
  children,
  type = 'submit',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button type={type} className={classes(variant, className)} data-module="govuk-button" {...rest}>
      {children}
    </button>
  );
}

export function ButtonLink({
  to,
  variant = 'primary',
  children,
}: {
  to: string;
  variant?: Variant;
  children: ReactNode;
}) {
  return (
    <Link to={to} role="button" draggable={false} className={classes(variant)} data-module="govuk-button">
      {children}
      {variant === 'start' && (
        <svg
          className="govuk-button__start-icon"
          xmlns="http://www.w3.org/2000/svg"
          width="17.5"
          height="19"
          viewBox="0 0 33 40"
          aria-hidden="true"
          focusable="false"
        >
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      )}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}
