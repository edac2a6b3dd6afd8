import {
  formatBytes,
  formatPence,
  OUTCOME_TARGET_LABELS,
  type OutcomeTargets,
  REPORT_SECTIONS,
  type ReportDetail,
  type ReportSectionKey,
} from '@cf/shared';
import { AppLink, SummaryList, Table } from '../../../components/ui/content';

const OUTCOME_KEYS = Object.keys(OUTCOME_TARGET_LABELS) as (keyof OutcomeTargets)[];

function Heading({
  report,
  section,
  change,
}: {
  report: ReportDetail;
  section: ReportSectionKey;
  change: boolean;
}) {
  return (
    <h2 className="govuk-heading-m">
      {REPORT_SECTIONS[section].title}
      {change && (
        <span className="govuk-body govuk-!-margin-left-2">
          <AppLink to={`/reports/${report.id}/sections/${section}`}>
            Change
            <span className="govuk-visually-hidden"> {REPORT_SECTIONS[section].title.toLowerCase()}</span>
          </AppLink>
        </span>
      )}
    </h2>
  );
}

const notAnswered = <span className="app-muted">Not answered yet</span>;

/**
 * A report's answers, read-only: progress, spend against each budget line, outcomes against each
 * promise, the story, the evidence. With `change`, each section links to its form.
 */
export function ReportAnswers({ report, change = false }: { report: ReportDetail; change?: boolean }) {
  const spent = report.budgetLines.reduce((sum, line) => sum + (line.spentPence ?? 0), 0);
  const budget = report.budgetLines.reduce((sum, line) => sum + line.costPence, 0);
  return (
    <>
      <Heading report={report} section="progress" change={change} />
      <p className="govuk-body app-pre-wrap">{report.progress ?? notAnswered}</p>

      <Heading report={report} section="spend" change={change} />
      {report.spend ? (
        <>
          <Table
            caption="Spent against each line of the budget"
            captionSize="s"
            rowKey={(line) => `${line.item}-${line.costPence}-${report.budgetLines.indexOf(line)}`}
            rows={report.budgetLines}
            columns={[
              { header: 'Budget line', cell: (line) => line.item },
              { header: 'Budget', numeric: true, cell: (line) => formatPence(line.costPence) },
              {
                header: 'Spent',
                numeric: true,
                cell: (line) => (line.spentPence === null ? '–' : formatPence(line.spentPence)),
              },
            ]}
          />
          <p className="govuk-body">
            Spent {formatPence(spent)} of a {formatPence(budget)} budget.
          </p>
          {report.spend.explanation && (
            <SummaryList rows={[{ key: 'Why spending differs', value: report.spend.explanation }]} />
          )}
        </>
      ) : (
        <p className="govuk-body">{notAnswered}</p>
      )}

      <Heading report={report} section="outcomes" change={change} />
      {report.outcomes ? (
        <Table
          caption="Achieved against what the bid promised"
          captionSize="s"
          rowKey={(key) => key}
          rows={OUTCOME_KEYS}
          columns={[
            { header: 'Outcome', cell: (key) => OUTCOME_TARGET_LABELS[key] },
            { header: 'Promised', numeric: true, cell: (key) => String(report.targets?.[key] ?? '–') },
            { header: 'Achieved', numeric: true, cell: (key) => String(report.outcomes?.[key] ?? '–') },
          ]}
        />
      ) : (
        <p className="govuk-body">{notAnswered}</p>
      )}

      <Heading report={report} section="story" change={change} />
      <p className="govuk-body app-pre-wrap">{report.story ?? notAnswered}</p>

      <h2 className="govuk-heading-m">
        Evidence
        {change && (
          <span className="govuk-body govuk-!-margin-left-2">
            <AppLink to={`/reports/${report.id}/evidence`}>
              Change<span className="govuk-visually-hidden"> evidence</span>
            </AppLink>
          </span>
        )}
      </h2>
      {report.evidence.length === 0 ? (
        <p className="govuk-body">No files</p>
      ) : (
        <ul className="govuk-list">
          {report.evidence.map((file) => (
            <li key={file.id}>
              <a className="govuk-link" href={`/api/reports/${report.id}/evidence/${file.id}`} download>
                {file.filename}
              </a>{' '}
              <span className="govuk-body-s app-muted">({formatBytes(file.sizeBytes)})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
