import {
  OfferChangeBody,
  parsePounds,
  penceToPoundsInput,
  REPORT_KIND_LABELS,
  type ReportKind,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea, TextInput } from '../../../components/ui/form';
import { grantQueryOptions, useChangeOffer } from '../../../features/grants/api/grants';
import { formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems, renameErrorFields } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { type DateParts, dateParts, isoDate, sharedResolver, text } from '../../../lib/resolver';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(grantQueryOptions(params.grantId ?? ''));
  return null;
}

interface OfferForm {
  purpose: string;
  offerDeadline: DateParts;
  onAcceptance: string;
  onFinalReport: string;
  conditions: string;
  conditionsBeforePayment: string;
  midPointDue: DateParts;
  finalDue: DateParts;
}

const FIELDS = [
  'purpose',
  'offerDeadline',
  'onAcceptance',
  'onFinalReport',
  'conditions',
  'midPointDue',
  'finalDue',
];
const DUE_FIELD = { mid_point: 'midPointDue', final: 'finalDue' } as const;

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

const pounds = (value: string) =>
  text(value) === undefined ? undefined : (parsePounds(value) ?? Number.NaN);

/** The API's field paths as the form's fields: instalments by their moment, conditions in one box, reports by kind. */
function toFormPath(path: string, hasFinal: boolean, reports: readonly { kind: ReportKind }[] = []): string {
  const report = /^reports\.(\d+)/.exec(path);
  if (report) return DUE_FIELD[reports[Number(report[1])]?.kind ?? 'final'];
  if (path === 'reports') return 'finalDue';
  if (path === 'instalments') return hasFinal ? 'onFinalReport' : 'onAcceptance';
  if (path.startsWith('instalments.0')) return 'onAcceptance';
  if (path.startsWith('instalments.1')) return 'onFinalReport';
  if (path.startsWith('conditions')) return 'conditions';
  return path;
}

/** An officer changes a draft offer: its purpose, deadline, payment schedule and the grant's own conditions. */
export function Component() {
  const { grantId = '' } = useParams();
  const navigate = useNavigate();
  const { data: grant } = useSuspenseQuery(grantQueryOptions(grantId));
  const change = useChangeOffer(grantId);
  const amountOf = (trigger: string) => grant.instalments.find((i) => i.trigger === trigger)?.amountPence;
  const first = amountOf('acceptance');
  const last = amountOf('final_report');
  const own = grant.conditions.filter((c) => !c.standard);
  const form = useForm<OfferForm, unknown, z.output<typeof OfferChangeBody>>({
    defaultValues: {
      purpose: grant.purpose,
      offerDeadline: dateParts(grant.offerDeadline),
      onAcceptance: first === undefined ? '' : penceToPoundsInput(first),
      onFinalReport: last === undefined ? '' : penceToPoundsInput(last),
      conditions: own
        .filter((c) => !c.beforeFirstPayment)
        .map((c) => c.text)
        .join('\n'),
      conditionsBeforePayment: own
        .filter((c) => c.beforeFirstPayment)
        .map((c) => c.text)
        .join('\n'),
      midPointDue: dateParts(grant.reports.find((r) => r.kind === 'mid_point')?.dueOn),
      finalDue: dateParts(grant.reports.find((r) => r.kind === 'final')?.dueOn),
    },
    resolver: sharedResolver(
      () => OfferChangeBody,
      (v) => ({
        version: grant.version,
        purpose: v.purpose,
        offerDeadline: isoDate(v.offerDeadline) ?? null,
        instalments: [
          { trigger: 'acceptance', amountPence: pounds(v.onAcceptance) },
          ...(text(v.onFinalReport)
            ? [{ trigger: 'final_report', amountPence: pounds(v.onFinalReport) }]
            : []),
        ],
        conditions: [
          ...lines(v.conditions).map((line) => ({ text: line, beforeFirstPayment: false })),
          ...lines(v.conditionsBeforePayment).map((line) => ({ text: line, beforeFirstPayment: true })),
        ],
        ...(grant.reports.length > 0
          ? { reports: grant.reports.map((r) => ({ kind: r.kind, dueOn: isoDate(v[DUE_FIELD[r.kind]]) })) }
          : {}),
      }),
      (path) => toFormPath(path, true, grant.reports),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS, (path) =>
    path === 'offerDeadline' || path === 'midPointDue' || path === 'finalDue' ? `${path}-day` : path,
  );
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await change.mutateAsync(body);
      navigate(`/grants/${grantId}`);
    } catch (error) {
      applyServerErrors(
        renameErrorFields(error, (path) => toFormPath(path, body.instalments.length > 1, grant.reports)),
        form.setError,
        FIELDS,
      );
    }
  });
  return (
    <Page
      title="Change the offer"
      hasError={items.length > 0}
      before={<BackLink to={`/grants/${grantId}`}>Back to the grant</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{grant.title ?? 'Grant'}</span>
      <h1 className="govuk-heading-l">Change the offer</h1>
      <p className="govuk-body">
        The grant is {formatPence(grant.awardPence)}. The payments must add up to it exactly.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id="purpose"
          label="What the grant is for"
          hint="As the agreement will say it"
          rows={4}
          error={errors.purpose?.message}
          {...form.register('purpose')}
        />
        <DateInput
          id="offerDeadline"
          legend="The group must answer by"
          hint="Leave empty for 28 days after you issue the offer. For example, 27 3 2027"
          error={errors.offerDeadline?.message}
          fields={dateFields(form.register, 'offerDeadline')}
        />
        <h2 className="govuk-heading-m">Payment schedule</h2>
        <TextInput
          id="onAcceptance"
          label="Paid when the offer is accepted"
          prefix="£"
          width="10"
          inputMode="decimal"
          error={errors.onAcceptance?.message}
          {...form.register('onAcceptance')}
        />
        <TextInput
          id="onFinalReport"
          label="Paid when the final report is approved"
          hint="Leave empty to pay it all when the offer is accepted"
          prefix="£"
          width="10"
          inputMode="decimal"
          error={errors.onFinalReport?.message}
          {...form.register('onFinalReport')}
        />
        {grant.reports.length > 0 && (
          <>
            <h2 className="govuk-heading-m">Reports</h2>
            <p className="govuk-body">
              The dates come from the project’s dates. Change them if the project needs other dates.
            </p>
            {grant.reports.map((r) => (
              <DateInput
                key={r.kind}
                id={DUE_FIELD[r.kind]}
                legend={`${REPORT_KIND_LABELS[r.kind]} due by`}
                hint="For example, 27 3 2027"
                error={errors[DUE_FIELD[r.kind]]?.message}
                fields={dateFields(form.register, DUE_FIELD[r.kind])}
              />
            ))}
          </>
        )}
        <h2 className="govuk-heading-m">Conditions for this grant</h2>
        <p className="govuk-body">
          The fund’s standard conditions always apply. Add any others this grant needs.
        </p>
        <Textarea
          id="conditions"
          label="Other conditions"
          hint="One a line"
          rows={3}
          error={errors.conditions?.message}
          {...form.register('conditions')}
        />
        <Textarea
          id="conditionsBeforePayment"
          label="Other conditions to meet before the first payment"
          hint="One a line, like: Send us your safeguarding policy"
          rows={3}
          {...form.register('conditionsBeforePayment')}
        />
        <Button disabled={isSubmitting}>Save the offer</Button>
      </form>
    </Page>
  );
}
