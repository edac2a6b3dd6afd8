/** Plain-text tables for the bench's output: each figure beside its target, "meets" or "misses". */

export function verdict(ok: boolean | null): string {
  return ok === null ? '–' : ok ? 'meets' : 'misses';
}

export const fmt = {
  rps: (n: number) => Math.round(n).toLocaleString('en-GB'),
  ms: (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`,
  ratio: (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–'),
  times: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–'),
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
};

/** Prints a table with a title, its columns padded to their widest cell. */
export function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}
