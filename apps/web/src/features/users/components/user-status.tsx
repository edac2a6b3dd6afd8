import type { UserStatus } from '@cf/shared';
import { Tag } from '../../../components/ui/content';

const STATUS: Record<UserStatus, { text: string; colour: 'green' | 'yellow' | 'grey' }> = {
  active: { text: 'Active', colour: 'green' },
  invited: { text: 'Invited', colour: 'yellow' },
  disabled: { text: 'Disabled', colour: 'grey' },
  closed: { text: 'Closed', colour: 'grey' },
};

export function UserStatusTag({ status }: { status: UserStatus }) {
  return <Tag colour={STATUS[status].colour}>{STATUS[status].text}</Tag>;
}
