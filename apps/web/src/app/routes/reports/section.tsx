import {
  formatPence,
  OUTCOME_TARGET_LABELS,
  type OutcomeTargets,
  parsePounds,
  penceToPoundsInput,
  REPORT_KIND_LABELS,
  REPORT_SECTION_SCHEMAS,
  REPORT_SECTIONS,
  type ReportDetail,
  ReportSectionKey,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea, TextInput } from '../../../components/ui/form';
import { reportQueryOptions, useSaveReportSection } from '../../../features/reports/api/reports';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver, text, wholeNumber } from '../../../lib/resolver';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(reportQueryOptions(params.reportId ?? ''));
  return null;
}

const OUTCOME_KEYS = Object.keys(OUTCOME_TARGET_LABELS) as (keyof OutcomeTargets)[];

/** What each section's form holds: text in inputs, turned into the API's answers by `toApi`. */
type SectionForm = Record<string, string>;

function defaults(report: ReportDetail, section: ReportSectionKey): SectionForm {
  switch (section) {
    case 'progress':
      return { progress: report.progress ?? '' };
    case 'story':
      return { story: report.story ?? '' };
    case 'outcomes':
      return Object.fromEntries(
        OUTCOME_KEYS.map((key) => [key, report.outcomes ? String(report.outcomes[key]) : '']),
      );
    case 'spend':
      return {
        ...Object.fromEntries(
          report.budgetLines.map((line, index) => [
            `line${index}`,
            line.spentPence === null ? '' : penceToPoundsInput(line.spentPence),
          ]),
        ),
        explanation: report.spend?.explanation ?? '',
      };
  }
}

function toApi(report: ReportDetail, section: ReportSectionKey, v: SectionForm): Record<string, unknown> {
  switch (section) {
    case 'progress':
      return { progress: v.progress };
    case 'story':
      return { story: v.story };
    case 'outcomes':
      return Object.fromEntries(OUTCOME_KEYS.map((key) => [key, wholeNumber(v[key])]));
    case 'spend':
      return {
        lines: report.budgetLines.map((_, index) => {
          const typed = v[`line${index}`];
          return {
            spentPence: text(typed) === undefined ? undefined : (parsePounds(typed ?? '') ?? Number.NaN),
          };
        }),
        explanation: v.explanation ?? '',
      };
  }
}

/** "lines.2.spentPence" is the form's "line2". */
const toFormPath = (path: string) => {
  const line = /^lines\.(\d+)/.exec(path);
  return line ? `line${line[1]}` : path;
};

function fieldsOf(report: ReportDetail, section: ReportSectionKey): string[] {
  if (section === 'outcomes') return OUTCOME_KEYS;
  if (section === 'spend') return [...report.budgetLines.map((_, i) => `line${i}`), 'explanation'];
  return [section];
}

function SectionPage({ report, section }: { report: ReportDetail; section: ReportSectionKey }) {
  const navigate = useNavigate();
  const save = useSaveReportSection(report.id, section);
  const fields = fieldsOf(report, section);
  const form = useForm<SectionForm, unknown, Record<string, unknown>>({
    defaultValues: defaults(report, section),
    resolver: sharedResolver(
      () => REPORT_SECTION_SCHEMAS[section],
      (v) => toApi(report, section, v),
      toFormPath,
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, fields);
  const onSubmit = form.handleSubmit(async (data) => {
    try {
      await save.mutateAsync({ version: report.version, data });
      navigate(`/reports/${report.id}`);
    } catch (error) {
      applyServerErrors(error, form.setError, fields);
    }
  });
  const error = (name: string) => errors[name]?.message;
  const title = REPORT_SECTIONS[section].title;
  return (
    <Page
      title={`${title} – ${REPORT_KIND_LABELS[report.kind]}`}
      hasError={items.length > 0}
      before={<BackLink to={`/reports/${report.id}`}>Back to the report</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{REPORT_KIND_LABELS[report.kind]}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <form onSubmit={onSubmit} noValidate>
        {section === 'progress' && (
          <Textarea
            id="progress"
            label="How is the project going?"
            hint="What you have done, what went well, what was hard, and anything that changed from your plan. Up to 500 words."
            rows={8}
            error={error('progress')}
            {...form.register('progress')}
          />
        )}
        {section === 'story' && (
          <Textarea
            id="story"
            label="Tell us one story from your project"
            hint="Someone who took part, an event, a friendship that started. Do not use people’s full names without their permission. Up to 300 words."
            rows={6}
            error={error('story')}
            {...form.register('story')}
          />
        )}
        {section === 'outcomes' && (
          <>
            <p className="govuk-body">
              Enter what you have achieved so far. Your bid’s promise is beside each one.
            </p>
            {OUTCOME_KEYS.map((key) => (
              <TextInput
                key={key}
                id={key}
                label={OUTCOME_TARGET_LABELS[key]}
                hint={`You said: ${report.targets ? report.targets[key] : 'no figure'}`}
                width="5"
                inputMode="numeric"
                error={error(key)}
                {...form.register(key)}
              />
            ))}
          </>
        )}
        {section === 'spend' && (
          <>
            <p className="govuk-body">Enter what you have spent so far on each line of your budget.</p>
            {report.budgetLines.map((line, index) => (
              <TextInput
                // Budget lines have no ids: their place in the decided bid's budget (which never changes) is theirs.
                key={`line${index}`}
                id={`line${index}`}
                label={line.item}
                hint={`Budget: ${formatPence(line.costPence)}`}
                prefix="£"
                width="10"
                inputMode="decimal"
                error={error(`line${index}`)}
                {...form.register(`line${index}`)}
              />
            ))}
            <Textarea
              id="explanation"
              label="If your spending is different from your budget, tell us why (optional)"
              rows={4}
              error={error('explanation')}
              {...form.register('explanation')}
            />
          </>
        )}
        <Button disabled={isSubmitting}>Save and continue</Button>
      </form>
    </Page>
  );
}

/** One section of a report, for the group to answer. */
export function Component() {
  const { reportId = '', section = '' } = useParams();
  const { data: report } = useSuspenseQuery(reportQueryOptions(reportId));
  const key = ReportSectionKey.safeParse(section);
  if (!key.success || !report.permissions.write) return <Navigate to={`/reports/${reportId}`} replace />;
  return <SectionPage key={key.data} report={report} section={key.data} />;
}
