import type { ReportEvidence } from '@cf/shared';
import { aliasedTable, and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { grantRatings, grantReports, reportEvidence, users } from '../../db/schema/index.js';

export type ReportRow = typeof grantReports.$inferSelect;

export function getReportRow(q: Queryable, reportId: string): ReportRow | undefined {
  return q.select().from(grantReports).where(eq(grantReports.id, reportId)).get();
}

/** A grant's reports, by due date (the mid-point first). */
export function reportsOfGrant(q: Queryable, grantId: string): ReportRow[] {
  return q
    .select()
    .from(grantReports)
    .where(eq(grantReports.grantId, grantId))
    .orderBy(asc(grantReports.dueOn), asc(grantReports.kind))
    .all();
}

/** Writes a report's content or state; `version` goes up with every save of the content. */
export function writeReport(
  q: Queryable,
  reportId: string,
  patch: Partial<Omit<ReportRow, 'id' | 'grantId' | 'kind'>>,
): void {
  q.update(grantReports).set(patch).where(eq(grantReports.id, reportId)).run();
}

/** The names of the people who last changed, sent and decided a report. */
export function reportPeople(q: Queryable, report: ReportRow) {
  const nameOf = (id: string | null) =>
    id ? (q.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
  return {
    updatedByName: nameOf(report.updatedBy),
    submittedByName: nameOf(report.submittedBy),
    decidedByName: nameOf(report.decidedBy),
  };
}

// ─── Evidence ────────────────────────────────────────────────────────────────────────────────

export function evidenceList(q: Queryable, reportId: string): ReportEvidence[] {
  return q
    .select({
      id: reportEvidence.id,
      filename: reportEvidence.filename,
      contentType: reportEvidence.contentType,
      sizeBytes: reportEvidence.sizeBytes,
      uploadedAt: reportEvidence.uploadedAt,
      uploadedByName: users.name,
    })
    .from(reportEvidence)
    .innerJoin(users, eq(users.id, reportEvidence.uploadedBy))
    .where(eq(reportEvidence.reportId, reportId))
    .orderBy(asc(reportEvidence.uploadedAt), asc(reportEvidence.id))
    .all();
}

export function evidenceTotals(q: Queryable, reportId: string): { count: number; bytes: number } {
  const row = q
    .select({
      count: sql<number>`count(*)`,
      bytes: sql<number>`coalesce(sum(${reportEvidence.sizeBytes}), 0)`,
    })
    .from(reportEvidence)
    .where(eq(reportEvidence.reportId, reportId))
    .get();
  return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
}

export function insertEvidence(
  q: Queryable,
  file: {
    reportId: string;
    filename: string;
    storedName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedBy: string;
    at: string;
  },
): string {
  const { at, ...values } = file;
  return q
    .insert(reportEvidence)
    .values({ ...values, uploadedAt: at })
    .returning({ id: reportEvidence.id })
    .get().id;
}

export function getEvidenceRow(q: Queryable, reportId: string, evidenceId: string) {
  return q
    .select()
    .from(reportEvidence)
    .where(and(eq(reportEvidence.reportId, reportId), eq(reportEvidence.id, evidenceId)))
    .get();
}

export function deleteEvidence(q: Queryable, evidenceId: string): void {
  q.delete(reportEvidence).where(eq(reportEvidence.id, evidenceId)).run();
}

/** Whether the report holds this very file already (the same bytes). */
export function hasEvidenceFile(q: Queryable, reportId: string, sha256: string): boolean {
  return (
    q
      .select({ id: reportEvidence.id })
      .from(reportEvidence)
      .where(and(eq(reportEvidence.reportId, reportId), eq(reportEvidence.sha256, sha256)))
      .get() !== undefined
  );
}

// ─── Ratings ─────────────────────────────────────────────────────────────────────────────────

const rater = aliasedTable(users, 'rater');

/** A grant's ratings, newest first. */
export function ratingsOfGrant(q: Queryable, grantId: string) {
  return q
    .select({
      rating: grantRatings.rating,
      suggestedRating: grantRatings.suggestedRating,
      reason: grantRatings.reason,
      reportId: grantRatings.reportId,
      ratedByName: rater.name,
      ratedAt: grantRatings.ratedAt,
    })
    .from(grantRatings)
    .innerJoin(rater, eq(rater.id, grantRatings.ratedBy))
    .where(eq(grantRatings.grantId, grantId))
    .orderBy(desc(grantRatings.ratedAt), desc(sql`${grantRatings}.rowid`))
    .all();
}

export function insertRating(q: Queryable, rating: typeof grantRatings.$inferInsert): void {
  q.insert(grantRatings).values(rating).run();
}
