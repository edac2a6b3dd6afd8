import { Readable } from 'node:stream';
import {
  type FundRef,
  londonToday,
  penceAsDecimal,
  type QualityReport,
  type WardCodeBody,
  type WardWithCode,
} from '@cf/shared';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { type CsvValue, csvChunks, decimalCell } from '../../lib/csv.js';
import { notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { grantsOfFund } from '../payments/repository.js';
import {
  fundForOpenData,
  grantsForOpenData,
  peopleOfGroups,
  setWardCode,
  wardById,
  wardsWithCodes,
} from './repository.js';
import {
  CHECKS,
  type CheckedGrant,
  type Funder,
  flatten360,
  type Grant360,
  isPublished,
  qualityFindings,
  TRANSPARENCY_HEADER,
  toGrant360,
  transparencyRow,
} from './rules.js';

export type { Funder };

/**
 * Open data (PRODUCT.md section 8, decision 0025): a fund's awarded grants as a 360Giving package,
 * its flat CSV and the Transparency Code CSV, all public; and the built-in quality check, for
 * officers and admins. Nothing here reads a person's name, email, phone number, address or bank
 * details into what is published (the quality check reads names only to look for them).
 */

interface Published {
  fund: { id: string; name: string; code: string; description: string };
  grants: { grant: Grant360; grantId: string; bidId: string; organisationId: string; awardPence: number }[];
}

/** A published fund, or 404 for anyone who may not see it (a fund being set up is not public). */
function fundOr404(ctx: ServiceContext, fundId: string) {
  const fund = fundForOpenData(ctx.db, fundId);
  const ref: FundRef | null = fund ? { id: fund.id, published: Boolean(fund.published) } : null;
  if (!fund || !ref) throw notFound();
  authorize(ctx.actor, { action: 'fund.read', fund: ref }, { hide: true });
  return { fund, ref };
}

function published(ctx: ServiceContext, fundId: string, funder: Funder): Published {
  const { fund } = fundOr404(ctx, fundId);
  const wards = new Map(wardsWithCodes(ctx.db).map((w) => [w.id, w]));
  // What was paid, as the payments module adds it up (paid less reversals): the budget's figure.
  const paid = new Map(grantsOfFund(ctx.db, fundId).map((g) => [g.grantId, Number(g.paidPence)]));
  const grants = grantsForOpenData(ctx.db, fundId)
    .filter(isPublished)
    .map((row) => {
      const dateModified = [row.grantUpdatedAt, row.lastMoneyAt]
        .filter((t): t is string => Boolean(t))
        .sort()
        .at(-1);
      const grant = toGrant360(
        {
          grantId: row.grantId,
          bidReference: row.bidReference,
          bidTitle: row.bidTitle,
          purpose: row.purpose,
          amountAppliedForPence: row.amountAppliedForPence,
          awardPence: row.awardPence,
          paidPence: paid.get(row.grantId) ?? 0,
          awardDate: londonToday(new Date(row.awardedAt)),
          organisation: {
            id: row.organisationId,
            name: row.organisationName,
            type: row.organisationType,
            registeredNumber: row.registeredNumber,
          },
          wards: row.wardIds.flatMap((id) => {
            const w = wards.get(id);
            return w ? [{ name: w.name, isCityWide: w.isCityWide, code: w.code }] : [];
          }),
          priority:
            row.priorityId && row.priorityName ? { id: row.priorityId, name: row.priorityName } : null,
          timetable: row.timetable,
          dateModified: dateModified ? new Date(dateModified).toISOString() : null,
        },
        fund,
        funder,
      );
      return {
        grant,
        grantId: row.grantId,
        bidId: row.bidId,
        organisationId: row.organisationId,
        awardPence: row.awardPence,
      };
    });
  return { fund, grants };
}

/** The fund's awarded grants as a 360Giving package, with its metadata and open licence. */
export function package360(ctx: ServiceContext, fundId: string, funder: Funder) {
  const { fund, grants } = published(ctx, fundId, funder);
  const issued = ctx.clock.now().toISOString();
  const modified = grants
    .map((g) => g.grant.dateModified)
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  return {
    filename: `${fund.code}-360giving.json`,
    body: {
      version: '1.4',
      title: `${funder.name}: ${fund.name} grants`,
      description: `Grants awarded by ${funder.name} from the ${fund.name}, in the 360Giving Data Standard. Only grants the council made; no personal data.`,
      identifier: `${funder.prefix}-${fund.code}`,
      issued,
      modified: modified ?? issued,
      publisher: { identifier: funder.orgId, name: funder.name },
      license: funder.license,
      downloadURL: `${ctx.publicUrl}/api/funds/${fund.id}/360giving.json`,
      grants: grants.map((g) => g.grant),
    },
  };
}

const amountCell = (pounds: number) => decimalCell(penceAsDecimal(Math.round(pounds * 100)));

function csvStream(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) {
  const cells: CsvValue[][] = rows.map((row) =>
    row.map((cell, i) =>
      typeof cell === 'number' && /^Amount/.test(header[i] ?? '') ? amountCell(cell) : cell,
    ),
  );
  return Readable.from(csvChunks([[...header], ...cells]));
}

/** The same grants in 360Giving's flat CSV, with the standard's column titles. */
export function csv360(ctx: ServiceContext, fundId: string, funder: Funder) {
  const { fund, grants } = published(ctx, fundId, funder);
  const { header, rows } = flatten360(grants.map((g) => g.grant));
  return { filename: `${fund.code}-360giving.csv`, stream: csvStream(header, rows) };
}

/** The same grants as the Local Government Transparency Code 2015 asks councils to publish them. */
export function transparencyCsv(ctx: ServiceContext, fundId: string, funder: Funder) {
  const { fund, grants } = published(ctx, fundId, funder);
  const rows = grants.map((g) => transparencyRow(g.grant, funder));
  return { filename: `${fund.code}-transparency.csv`, stream: csvStream(TRANSPARENCY_HEADER, rows) };
}

/** The built-in quality check: the 360Giving Data Quality Tool's kind of checks, on this fund's data. */
export function qualityReport(ctx: ServiceContext, fundId: string, funder: Funder): QualityReport {
  const { ref } = fundOr404(ctx, fundId);
  authorize(ctx.actor, { action: 'opendata.check', fund: ref });
  const { fund, grants } = published(ctx, fundId, funder);
  const people = peopleOfGroups(ctx.db, [...new Set(grants.map((g) => g.organisationId))]);
  const checked: CheckedGrant[] = grants.map((g) => ({
    grant: g.grant,
    ref: { grantId: g.grantId, bidId: g.bidId, identifier: g.grant.id, title: g.grant.title },
    people: people.get(g.organisationId) ?? { names: [], phones: [] },
  }));
  return {
    fundId: fund.id,
    fundName: fund.name,
    grantsPublished: grants.length,
    totalAwardedPence: grants.reduce((sum, g) => sum + g.awardPence, 0),
    checksRun: CHECKS.length,
    findings: qualityFindings(checked, londonToday(ctx.clock.now())),
  };
}

// ─── Ward codes (admins) ─────────────────────────────────────────────────────────────────────

export function wardCodes(ctx: ServiceContext): WardWithCode[] {
  authorize(ctx.actor, { action: 'opendata.ward_codes' });
  return wardsWithCodes(ctx.db);
}

export function changeWardCode(ctx: ServiceContext, wardId: string, body: WardCodeBody): WardWithCode {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'opendata.ward_codes' });
  return unitOfWork(ctx.db, (tx) => {
    const ward = wardById(tx, wardId);
    if (!ward) throw notFound('There is no such ward');
    const code = body.code === '' ? null : body.code;
    if (code !== ward.code) {
      setWardCode(tx, wardId, code);
      ctx.audit(tx, {
        action: 'system.ward_code_changed',
        entityType: 'system',
        entityId: wardId,
        before: { ward: ward.name, code: ward.code },
        after: { ward: ward.name, code },
      });
    }
    return { ...ward, code };
  });
}
