import { OUTCOME_KEYS, OUTCOME_TARGET_LABELS, type OutcomeSlice, type OutcomeTargets } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { BarChart, type BarSeries } from '../../../components/ui/bar-chart';
import { AppLink, BackLink, InsetText, Table } from '../../../components/ui/content';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { fundOutcomesQueryOptions } from '../../../features/monitoring/api/monitoring';
import { plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'fund.budget' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundOutcomesQueryOptions(fundId)),
  ]);
  return null;
}

const PROMISED_ACHIEVED: BarSeries[] = [
  { name: 'Promised', className: 'app-bar--a' },
  { name: 'Achieved', className: 'app-bar--b' },
];

const number = new Intl.NumberFormat('en-GB');

/** Achieved as a share of promised, in words a table can hold. */
function share(figure: { promised: number; achieved: number }): string {
  if (figure.promised === 0) return '–';
  return `${Math.round((figure.achieved * 100) / figure.promised)}%`;
}

/** One outcome across the slices (priorities or wards): a chart and the table with its figures. */
function OutcomeBy({
  outcome,
  slices,
  by,
}: {
  outcome: keyof OutcomeTargets;
  slices: readonly OutcomeSlice[];
  by: 'Priority' | 'Ward';
}) {
  const label = OUTCOME_TARGET_LABELS[outcome];
  const title = `${label}, by ${by.toLowerCase()}`;
  return (
    <>
      <BarChart
        title={title}
        series={PROMISED_ACHIEVED}
        rows={slices.map((s) => ({
          key: s.id,
          label: s.name,
          values: [s.figures[outcome].promised, s.figures[outcome].achieved],
        }))}
      />
      <Table
        caption={title}
        captionSize="s"
        rowKey={(s) => s.id}
        rows={[...slices]}
        columns={[
          { header: by, cell: (s) => s.name },
          { header: 'Grants', cell: (s) => s.grants, numeric: true },
          { header: 'Promised', cell: (s) => number.format(s.figures[outcome].promised), numeric: true },
          { header: 'Achieved', cell: (s) => number.format(s.figures[outcome].achieved), numeric: true },
        ]}
      />
    </>
  );
}

/** A fund's outcomes: what its grants promised against what their approved reports say. */
export function Component() {
  const { fundId = '' } = useParams();
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data } = useSuspenseQuery(fundOutcomesQueryOptions(fundId));
  const total = data.total;
  return (
    <Page title={`${fund.name} outcomes`} wide before={<BackLink to={`/funds/${fund.id}`}>Back</BackLink>}>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Outcomes</h1>
      <p className="govuk-body">
        What the fund’s {plural(total.grants, 'grant')} promised in their bids, against what they have
        achieved so far. Achieved figures come from each grant’s latest approved report:{' '}
        {total.reported === total.grants
          ? 'every grant has one.'
          : `${plural(total.reported, 'grant')} of ${total.grants} ${total.reported === 1 ? 'has' : 'have'} one so far.`}{' '}
        Declined offers and grants ended early are not counted.
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/funds/${fund.id}/outcomes.csv`} download>
          Download the outcomes of each grant (CSV, for the national evaluation)
        </a>
        {' · '}
        <AppLink to={`/funds/${fund.id}/budget`}>Budget</AppLink>
      </p>
      <BarChart
        title="All grants: promised and achieved"
        series={PROMISED_ACHIEVED}
        rows={OUTCOME_KEYS.map((key) => ({
          key,
          label: OUTCOME_TARGET_LABELS[key],
          values: [total.figures[key].promised, total.figures[key].achieved],
        }))}
      />
      <Table
        caption="All grants: promised and achieved"
        rowKey={(key) => key}
        rows={[...OUTCOME_KEYS]}
        columns={[
          { header: 'Outcome', cell: (key) => OUTCOME_TARGET_LABELS[key] },
          { header: 'Promised', cell: (key) => number.format(total.figures[key].promised), numeric: true },
          { header: 'Achieved', cell: (key) => number.format(total.figures[key].achieved), numeric: true },
          { header: 'Achieved of promised', cell: (key) => share(total.figures[key]), numeric: true },
        ]}
      />
      <h2 className="govuk-heading-m">By priority</h2>
      <p className="govuk-body">Each grant counts under the main priority of its bid.</p>
      {OUTCOME_KEYS.map((key) => (
        <OutcomeBy key={key} outcome={key} slices={data.byPriority} by="Priority" />
      ))}
      <h2 className="govuk-heading-m">By ward</h2>
      <InsetText>
        A grant working in several wards counts in full in each of them (people and events cannot be split),
        so the wards add up to more than the whole fund.
      </InsetText>
      {data.byWard.length === 0 ? (
        <p className="govuk-body">No grants have been awarded yet.</p>
      ) : (
        OUTCOME_KEYS.map((key) => <OutcomeBy key={key} outcome={key} slices={data.byWard} by="Ward" />)
      )}
    </Page>
  );
}
