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
  wardChoiceProblems,
} from '@cf/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type DefaultValues, type FieldValues, type UseFormReturn, useForm } from 'react-hook-form';
import { useBlocker, useNavigate } from 'react-router';
import { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { BackLink, NotificationBanner } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { applyServerErrors, defaultId, errorItems, renameErrorFields } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { meQueryOptions } from '../../auth/api/me';
import { useSaveSection } from '../api/bids';
import {
  browserStore,
  forgetUnsaved,
  pruneUnsaved,
  readUnsaved,
  sameValues,
  type UnsavedCopy,
  unsavedKey,
  writeUnsaved,
} from './unsaved-answers';

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

/**
 * The schema the form is checked with: complete (with the fund's rules) or draft, and in both the
 * rules that need reference data (City-wide on its own), as the API checks them.
 */
function schemaFor(key: SectionKey, mode: 'complete' | 'draft', context: SectionContext): z.ZodType {
  const cityWide = context.reference.wards.filter((w) => w.isCityWide).map((w) => w.id);
  const withReference = (schema: z.ZodType) =>
    schema.pipe(
      z.unknown().superRefine((data, ctx) => {
        if (key !== 'beneficiaries') return;
        for (const [path, message] of Object.entries(wardChoiceProblems(data, cityWide))) {
          ctx.addIssue({ code: 'custom', path: [path], message });
        }
      }),
    );
  if (mode === 'draft') return withReference(draftSectionSchema(key));
  const rules = {
    capPence: context.fund.capPence,
    deliveryStartsOn: context.fund.deliveryStartsOn,
    deliveryEndsOn: context.fund.deliveryEndsOn,
    priorityIds: context.fund.priorities.map((p) => p.id),
  };
  return withReference(
    sectionSchema(key).pipe(
      z.unknown().superRefine((data, ctx) => {
        for (const [path, message] of Object.entries(fundRuleProblems(key, data, rules))) {
          ctx.addIssue({ code: 'custom', path: [path], message });
        }
      }),
    ),
  );
}

/**
 * One section of the bid form: the GOV.UK question page around the section's fields, with "Save
 * and continue" (checked in full, marks it complete) and "Save as draft" (saved as it is). A save
 * from an out-of-date copy comes back as a conflict naming what changed, never overwriting.
 *
 * Typing is never thrown away without a word: a copy of unsaved answers is kept in this browser as
 * people type (unsaved-answers.ts) and offered back when they return, and leaving the page with
 * unsaved changes (a link in the app, or closing or reloading the tab) asks first.
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
  const { data: me } = useQuery(meQueryOptions());
  const mode = useRef<'complete' | 'draft'>('complete');
  const [baseVersion, setBaseVersion] = useState(state?.version ?? 0);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);
  const toFormPath = spec.toFormPath ?? ((path: string) => path);
  const savedValues = useMemo(
    () => spec.toForm((state?.data ?? null) as SavedSection<K> | null),
    // The answers as the page opened; later saves move `baseline` on instead.
    [],
  );

  const form = useForm<TForm, unknown, Record<string, unknown>>({
    // The API checked the saved data against this section's draft schema.
    defaultValues: savedValues as DefaultValues<TForm>,
    resolver: sharedResolver<TForm, Record<string, unknown>>(
      () => schemaFor(spec.key, mode.current, context),
      (values) => spec.toApi(values),
      toFormPath,
    ),
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const items = errorItems(errors, spec.fields, spec.idFor ?? defaultId);

  // ─── The copy of unsaved answers kept in this browser ──────────────────────────────────────
  // Declarations hold a name and position and take a moment to redo: they are not kept.
  const store = spec.key === 'declarations' ? null : browserStore();
  const key = me ? unsavedKey(me.id, bid.id, spec.key) : null;
  const baseline = useRef<unknown>(savedValues);
  const [offer, setOffer] = useState<UnsavedCopy | null>(() => {
    const now = new Date();
    pruneUnsaved(store, now);
    const copy = key ? readUnsaved(store, key, now) : null;
    return copy && !sameValues(copy.values, savedValues) ? copy : null;
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepCopy = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    if (!key || offer) return;
    const values = form.getValues();
    if (sameValues(values, baseline.current)) forgetUnsaved(store, key);
    else writeUnsaved(store, key, { version: baseVersion, at: new Date().toISOString(), values });
  }, [key, offer, form, store, baseVersion]);
  const keepCopyRef = useRef(keepCopy);
  keepCopyRef.current = keepCopy;
  useEffect(() => {
    const subscription = form.watch(() => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => keepCopyRef.current(), 300);
    });
    // Whatever was typed in the last moments before leaving is kept too.
    const flush = () => {
      if (pending.current) keepCopyRef.current();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [form]);
  /** After a save: nothing is unsaved any more. */
  const savedNow = () => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    if (key) forgetUnsaved(store, key);
    baseline.current = form.getValues();
    form.reset(form.getValues() as DefaultValues<TForm>, { keepErrors: true });
  };

  // ─── Leaving with unsaved changes asks first ───────────────────────────────────────────────
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!isDirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      keepCopyRef.current();
      event.preventDefault();
      // Older browsers need returnValue set to show their "Leave site?" question.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [isDirty]);
  const leaveWarning = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (blocker.state === 'blocked') leaveWarning.current?.focus();
  }, [blocker.state]);

  const submit = (which: 'complete' | 'draft', then?: () => void) => {
    mode.current = which;
    setSaved(false);
    setConflict(false);
    return form.handleSubmit(
      async (data) => {
        try {
          const result = await save.mutateAsync({ baseVersion, complete: which === 'complete', data });
          setBaseVersion(result.version);
          savedNow();
          if (then) then();
          else if (which === 'complete') {
            leaving.current = true;
            navigate(`/bids/${bid.id}`, { state: { saved: title } });
          } else {
            setSaved(true);
            window.scrollTo(0, 0);
          }
        } catch (error) {
          if (isApiError(error, 409) && error.code === 'conflict') setConflict(true);
          applyServerErrors(renameErrorFields(error, toFormPath), form.setError, spec.fields);
          if (blocker.state === 'blocked') blocker.reset();
        }
      },
      () => {
        if (blocker.state === 'blocked') blocker.reset();
      },
    )();
  };

  return (
    <Page
      title={title}
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bid.id}`}>Back to your bid</BackLink>}
    >
      {blocker.state === 'blocked' && (
        <div className="govuk-notification-banner" role="alert" aria-labelledby="leave-title">
          <div className="govuk-notification-banner__header">
            <p className="govuk-notification-banner__title">Important</p>
          </div>
          <div className="govuk-notification-banner__content">
            <h2
              className="govuk-notification-banner__heading"
              id="leave-title"
              ref={leaveWarning}
              tabIndex={-1}
            >
              You have not saved your changes
            </h2>
            <p className="govuk-body">
              If you leave this page now, your changes will not be saved to your bid.
              {store
                ? ' We will keep a copy in this browser and offer it to you when you open this section again.'
                : ''}
            </p>
            <ButtonGroup>
              <Button
                type="button"
                disabled={isSubmitting}
                onClick={() =>
                  void submit('draft', () => {
                    leaving.current = true;
                    blocker.proceed?.();
                  })
                }
              >
                Save as draft and leave
              </Button>
              <Button type="button" variant="secondary" onClick={() => blocker.proceed?.()}>
                Leave without saving
              </Button>
              <button type="button" className="govuk-link app-link-button" onClick={() => blocker.reset?.()}>
                Stay on this page
              </button>
            </ButtonGroup>
          </div>
        </div>
      )}
      {offer && (
        <section className="govuk-notification-banner" aria-labelledby="unsaved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="unsaved-title">
              You have changes you did not save
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">
              You typed changes to this section at {formatDateTime(offer.at)} but did not save them. We kept a
              copy in this browser.
            </p>
            {offer.version !== baseVersion && (
              <p className="govuk-body">
                Someone in your group has saved this section since then. If you use your changes, check their
                answers first: saving yours will replace theirs.
              </p>
            )}
            <ButtonGroup>
              <Button
                type="button"
                onClick={() => {
                  form.reset(offer.values as DefaultValues<TForm>, { keepDefaultValues: true });
                  setOffer(null);
                }}
              >
                Use them
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  if (key) forgetUnsaved(store, key);
                  setOffer(null);
                }}
              >
                Discard them
              </Button>
            </ButtonGroup>
          </div>
        </section>
      )}
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
        <p className="govuk-body">
          Your answers are saved when you select “Save and continue” or “Save as draft”. Save as a draft if
          you need to stop and come back later.
        </p>
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
