/**
 * SQLite's SQL, as drizzle's SQLite dialect and our raw queries write it, said the PostgreSQL way:
 * numbered parameters, and the few SQLite words PostgreSQL says differently (decision 0035).
 */
export function toPostgres(sqlite: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sqlite) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else out += ch;
  }
  return (
    out
      .replace(/(\S+) collate nocase/gi, 'lower($1)')
      .replace(/\blike\b/gi, 'ilike')
      .replace(/\bifnull\(/gi, 'coalesce(')
      // PostgreSQL wants bare column names in an ON CONFLICT target.
      .replace(
        /on conflict \(([^)]*)\)/gi,
        (_m, cols: string) => `on conflict (${cols.replace(/"[^"]+"\./g, '')})`,
      )
      .replace(
        /strftime\('%Y-%m-%dT%H:%M:%fZ', 'now'\)/g,
        `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      )
  );
}
