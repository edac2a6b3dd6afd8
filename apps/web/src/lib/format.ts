export { formatAmountAsked, formatDate, formatDateTime, formatPence } from '@cf/shared';

/** "1 bid", "2 bids". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
