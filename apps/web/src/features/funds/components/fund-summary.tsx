import type { Fund } from '@cf/shared';
import { AppLink, SummaryList, Tag } from '../../../components/ui/content';
import { formatDateTime, formatPence } from '../../../lib/format';

export const FUND_STATUS: Record<Fund['status'], { text: string; colour: 'green' | 'blue' | 'grey' }> = {
  open: { text: 'Open for bids', colour: 'green' },
  upcoming: { text: 'Opening soon', colour: 'blue' },
  closed: { text: 'Closed', colour: 'grey' },
};

/** A fund in brief: what it is, how much, and when bids close. */
export function FundSummaryCard({ fund }: { fund: Fund }) {
  return (
    <div className="app-card-list">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
        <AppLink to={`/funds/${fund.id}`}>{fund.name}</AppLink>
      </h3>
      <p className="govuk-body">{fund.description}</p>
      <SummaryList
        rows={[
          {
            key: 'Status',
            value: <Tag colour={FUND_STATUS[fund.status].colour}>{FUND_STATUS[fund.status].text}</Tag>,
          },
          { key: 'Grants of up to', value: formatPence(fund.capPence) },
          { key: 'Bids close at', value: formatDateTime(fund.closesAt) },
        ]}
      />
    </div>
  );
}
