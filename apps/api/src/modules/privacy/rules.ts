/**
 * The London date `months` whole months before `date` (YYYY-MM-DD), clamped to the month's last
 * day: 2031-03-31 less 1 month is 2031-02-28. Grants closed before it have kept personal data for
 * longer than the retention period.
 */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
