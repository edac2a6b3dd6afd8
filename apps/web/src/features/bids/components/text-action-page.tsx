import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea } from '../../../components/ui/form';
import { applyServerErrors, errorItems, renameErrorFields } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';

/**
 * A page that does one thing to a bid with one piece of text — withdraw it with a reason, return
 * it with a message — then goes back to the bid.
 */
export function TextActionPage({
  bidId,
  title,
  caption,
  intro,
  schema,
  field,
  label,
  hint,
  button,
  warning,
  act,
  returnTo,
  backText = 'Back to the bid',
}: {
  bidId: string;
  /** Where to go back to and after acting, when not the bid (a grant's page). */
  returnTo?: string;
  backText?: string;
  title: string;
  caption: string;
  intro: ReactNode;
  schema: z.ZodType;
  /** The API's name for the text, e.g. "reason"; errors on it show on the text box. */
  field: string;
  label: string;
  hint: string;
  button: string;
  warning?: boolean;
  act: (text: string) => Promise<unknown>;
}) {
  const navigate = useNavigate();
  const form = useForm<{ text: string }, unknown, Record<string, unknown>>({
    defaultValues: { text: '' },
    resolver: sharedResolver(
      () => schema,
      (v) => ({ [field]: v.text }),
      (path) => (path === field ? 'text' : path),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['text'], () => field);
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // What the resolver hands on is the API's body: { reason } or { message }.
      await act(String(values[field]));
      navigate(returnTo ?? `/bids/${bidId}`);
    } catch (error) {
      applyServerErrors(
        renameErrorFields(error, (path) => (path === field ? 'text' : path)),
        form.setError,
        ['text'],
      );
    }
  });
  return (
    <Page
      title={title}
      hasError={items.length > 0}
      before={<BackLink to={returnTo ?? `/bids/${bidId}`}>{backText}</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{caption}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {intro}
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id={field}
          label={label}
          hint={hint}
          error={errors.text?.message}
          {...form.register('text')}
        />
        <Button variant={warning ? 'warning' : 'primary'} disabled={isSubmitting}>
          {button}
        </Button>
      </form>
    </Page>
  );
}
