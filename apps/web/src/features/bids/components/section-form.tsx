import {
  type BidDetail,
  draftSectionSchema,
  type Fund,
  fundRuleProblems,
  type Need,
  type ReferenceData,
  type SectionDataMap,
  type SectionKey,
  sectionSchema,
} from '@cf/shared';
import { type ReactNode, useRef, useState } from 'react';
import { type DefaultValues, type FieldValues, type UseFormReturn, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { BackLink, NotificationBanner } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, defaultId, errorItems, renameErrorFields } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { useSaveSection } from '../api/bids';

export interface SectionContext {
  bid: BidDetail;
  fund: Fund;
  reference: ReferenceData;
  needs: Need[];
}

/** The form a section renders: what the inputs hold (TForm), and the API's data once valid. */
export type SectionFormApi<TForm extends FieldValues> = UseFormReturn<
  TForm,
  unknown,
  Record<string, unknown>
>;

/** A section's data as saved so far: a draft, so any field (and any field of a row) may be missing. */
export type SavedSection<K extends SectionKey> = Saved<SectionDataMap[K]>;
type Saved<T> = T extends readonly (infer E)[]
  ? Saved<E>[]
  : T extends object
    ? { [P in keyof T]?: Saved<T[P]> }
    : T;

/**
 * What a form sends for a section, before the schema has checked it: every field of the section's
 * data (undefined when not answered), each of the right kind (text, number, yes/no, list) but not
 * yet of the right value (a category is any text until the schema finds it in the list). Naming
 * every field means a field renamed in the shared schema no longer compiles here.
 */
export type SectionAnswers<K extends SectionKey> = Answers<SectionDataMap[K]>;
type Answers<T> = { [P in keyof T]-?: Answer<T[P]> | undefined };
type Answer<T> = T extends readonly (infer E)[]
  ? Answer<E>[]
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends boolean
        ? boolean
        : T extends object
          ? Answers<T>
          : T;

/** How one section's form maps to and from the API's section data. */
export interface SectionFormSpec<K extends SectionKey, TForm extends FieldValues> {
  key: K;
  /** Saved data (or null) → what the form's inputs hold. */
  toForm(data: SavedSection<K> | null): TForm;
  /** What the inputs hold → the API's section data (numbers, pence, ISO dates). */
  toApi(values: TForm): SectionAnswers<K>;
  /** An API field path → the form's field path (e.g. lines.0.costPence → lines.0.cost). */
  toFormPath?(apiPath: string): string;
  /** A form field path → the id of the input to jump to from the error summary. */
  idFor?(formPath: string): string;
  /** Top-level fields in page order, for the error summary. */
  fields: string[];
  intro?: ReactNode;
  render(form: SectionFormApi<TForm>, context: SectionContext): ReactNode;
}

/** The schema the form is checked with: complete (with the fund's rules) or draft. */
function schemaFor(key: SectionKey, mode: 'complete' | 'draft', context: SectionContext): z.ZodType {
  if (mode === 'draft') return draftSectionSchema(key);
  const rules = {
    capPence: context.fund.capPence,
    deliveryStartsOn: context.fund.deliveryStartsOn,
    deliveryEndsOn: context.fund.deliveryEndsOn,
    priorityIds: context.fund.priorities.map((p) => p.id),
  };
  return sectionSchema(key).pipe(
    z.unknown().superRefine((data, ctx) => {
      for (const [path, message] of Object.entries(fundRuleProblems(key, data, rules))) {
        ctx.addIssue({ code: 'custom', path: [path], message });
      }
    }),
  );
}

/**
 * One section of the bid form: the GOV.UK question page around the section's fields, with "Save
 * and continue" (checked in full, marks it complete) and "Save as draft" (saved as it is). A save
 * from an out-of-date copy comes back as a conflict naming what changed, never overwriting.
 */
export function SectionForm<K extends SectionKey, TForm extends FieldValues>({
  spec,
  context,
  title,
}: {
  spec: SectionFormSpec<K, TForm>;
  context: SectionContext;
  title: string;
}) {
  const { bid } = context;
  const state = bid.sections.find((s) => s.key === spec.key);
  const navigate = useNavigate();
  const save = useSaveSection(bid.id, spec.key);
  const mode = useRef<'complete' | 'draft'>('complete');
  const [baseVersion, setBaseVersion] = useState(state?.version ?? 0);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);
  const toFormPath = spec.toFormPath ?? ((path: string) => path);

  const form = useForm<TForm, unknown, Record<string, unknown>>({
    // The API checked the saved data against this section's draft schema.
    defaultValues: spec.toForm((state?.data ?? null) as SavedSection<K> | null) as DefaultValues<TForm>,
    resolver: sharedResolver<TForm, Record<string, unknown>>(
      () => schemaFor(spec.key, mode.current, context),
      (values) => spec.toApi(values),
      toFormPath,
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, spec.fields, spec.idFor ?? defaultId);

  const submit = (which: 'complete' | 'draft') => {
    mode.current = which;
    setSaved(false);
    setConflict(false);
    return form.handleSubmit(async (data) => {
      try {
        const result = await save.mutateAsync({ baseVersion, complete: which === 'complete', data });
        setBaseVersion(result.version);
        if (which === 'complete') {
          navigate(`/bids/${bid.id}`, { state: { saved: title } });
        } else {
          setSaved(true);
          window.scrollTo(0, 0);
        }
      } catch (error) {
        if (isApiError(error, 409) && error.code === 'conflict') setConflict(true);
        applyServerErrors(renameErrorFields(error, toFormPath), form.setError, spec.fields);
      }
    })();
  };

  return (
    <Page
      title={title}
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bid.id}`}>Back to your bid</BackLink>}
    >
      {saved && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            Saved as a draft. You can come back to it at any time.
          </p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      {conflict && (
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-link app-link-button"
            onClick={() => window.location.reload()}
          >
            Reload the page to see the latest version
          </button>
        </p>
      )}
      <span className="govuk-caption-l">{bid.title ?? 'Your bid'}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {spec.intro}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit('complete');
        }}
      >
        {spec.render(form, context)}
        <ButtonGroup>
          <Button disabled={isSubmitting}>Save and continue</Button>
          <Button
            type="button"
            variant="secondary"
            disabled={isSubmitting}
            onClick={() => void submit('draft')}
          >
            Save as draft
          </Button>
        </ButtonGroup>
      </form>
    </Page>
  );
}
