import { addAwards, type FundBudget, type PotAward, type PotSlice, type Ward } from '@cf/shared';
import { SummaryList, Table } from '../../../components/ui/content';
import { formatPence } from '../../../lib/format';

/**
 * What the chosen awards would leave in the pot, overall, by priority and by ward — before saving.
 * The figures come from the pot's own rules in @cf/shared, as the API applies them.
 */
export function PotAfter({
  budget,
  awards,
  wards,
}: {
  budget: FundBudget;
  awards: readonly PotAward[];
  wards: readonly Ward[];
}) {
  const after = addAwards(budget, awards);
  const selected = after.committedPence - budget.committedPence;
  const left = after.availablePence;
  const committedIn = (slices: readonly PotSlice[], id: string) =>
    slices.find((s) => s.id === id)?.committedPence ?? 0;
  const byPriority = budget.byPriority.map((p) => ({
    ...p,
    adding: committedIn(after.byPriority, p.id) - p.committedPence,
  }));
  const wardRows = after.byWard
    .map((w) => {
      const committed = committedIn(budget.byWard, w.id);
      return { id: w.id, committed, adding: w.committedPence - committed };
    })
    .filter((w) => w.adding > 0)
    .map((w) => ({ ...w, name: wards.find((r) => r.id === w.id)?.name ?? 'Ward' }));
  return (
    <section aria-labelledby="pot-after" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="pot-after">
        What these decisions leave in the pot
      </h2>
      <div aria-live="polite">
        <SummaryList
          rows={[
            { key: 'Available now', value: formatPence(budget.availablePence) },
            {
              key: 'Awards chosen',
              value: `${formatPence(selected)} to ${awards.length} ${awards.length === 1 ? 'group' : 'groups'}`,
            },
            {
              key: 'Left after these awards',
              value:
                left < 0 ? (
                  <strong className="govuk-error-message">
                    {formatPence(left)}: more than the pot holds
                  </strong>
                ) : (
                  <strong>{formatPence(left)}</strong>
                ),
            },
          ]}
        />
      </div>
      <Table
        caption="By priority"
        captionSize="s"
        rowKey={(p) => p.id}
        rows={byPriority}
        columns={[
          { header: 'Priority', cell: (p) => p.name },
          { header: 'Committed', cell: (p) => formatPence(p.committedPence), numeric: true },
          { header: 'This panel', cell: (p) => formatPence(p.adding), numeric: true },
          { header: 'Total', cell: (p) => formatPence(p.committedPence + p.adding), numeric: true },
        ]}
      />
      {wardRows.length > 0 && (
        <Table
          caption="Wards of the awards chosen"
          captionSize="s"
          rowKey={(w) => w.id}
          rows={wardRows}
          columns={[
            { header: 'Ward', cell: (w) => w.name },
            { header: 'Committed', cell: (w) => formatPence(w.committed), numeric: true },
            { header: 'This panel', cell: (w) => formatPence(w.adding), numeric: true },
            { header: 'Total', cell: (w) => formatPence(w.committed + w.adding), numeric: true },
          ]}
        />
      )}
    </section>
  );
}
