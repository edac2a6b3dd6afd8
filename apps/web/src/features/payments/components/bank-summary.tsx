import { type BankAccountView, formatDateTime } from '@cf/shared';
import { SummaryList, Tag } from '../../../components/ui/content';

/** A bank account as everyone sees it: masked, and whether finance has checked it by calling back. */
export function BankSummary({ account }: { account: BankAccountView }) {
  return (
    <SummaryList
      rows={[
        { key: 'Name on the account', value: account.accountName },
        { key: 'Sort code', value: account.sortCode },
        { key: 'Account number', value: account.accountNumber },
        { key: 'Given by', value: `${account.recordedByName}, ${formatDateTime(account.recordedAt)}` },
        {
          key: 'Checked by the council',
          value: account.check ? (
            `Yes: ${account.check.checkedByName} called ${account.check.phoneNumber}, ${formatDateTime(account.check.checkedAt)}`
          ) : (
            <Tag colour="yellow">Not checked yet</Tag>
          ),
        },
      ]}
    />
  );
}
