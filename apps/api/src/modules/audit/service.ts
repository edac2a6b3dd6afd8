import {
  AUDIT_EXPORT_LIMIT,
  AUDIT_KINDS,
  AUDIT_NAMED_IDS,
  type AuditChainCheck,
  type AuditEntityType,
  type AuditEvent,
  type AuditKind,
  type AuditList,
  auditActorLabel,
  auditKindOf,
  auditPhrase,
  auditSentence,
  isoToLondonLocal,
  londonLocalToIso,
  REFUSAL_AUDIT_WINDOW_SECONDS,
} from '@cf/shared';
import { chainCheckMessage, checkChain } from '../../db/audit-chain.js';
import type { Db, Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { toCsv } from '../../lib/csv.js';
import { badRequest } from '../../lib/errors.js';
import { authorize } from '../access/policy.js';
import {
  auditedRecordExists,
  bidIdByReference,
  countRefusal,
  fundNames,
  grantIdByBidReferenceOrId,
  insertRefusalWindow,
  listAudit,
  openRefusalWindow,
  type AuditQuery as RepositoryQuery,
  recordAudit,
  recordNames,
  storedAuditEvents,
  userIdByEmail,
  userNames,
} from './repository.js';

/**
 * Audits a refused request without letting one address flood the trail: the first refusal of an
 * address, person and permission in REFUSAL_AUDIT_WINDOW_SECONDS writes an access.denied row; those
 * like it in the same window only add to its count. Anything else (another permission, address or
 * person) opens its own window, so every distinct refusal is still on the record.
 */
export function recordRefusal(
  db: Db,
  refusal: { actorId: string; ip: string | null; permission: string; method: string; url: string; at: Date },
): void {
  const at = refusal.at.toISOString();
  const key = { ip: refusal.ip ?? '', actorId: refusal.actorId, permission: refusal.permission };
  const since = new Date(refusal.at.getTime() - REFUSAL_AUDIT_WINDOW_SECONDS * 1000).toISOString();
  unitOfWork(db, (tx) => {
    const open = openRefusalWindow(tx, key, since);
    if (open) {
      countRefusal(tx, open.auditEventId, at);
      return;
    }
    const id = recordAudit(tx, {
      actorId: refusal.actorId,
      action: 'access.denied',
      entityType: 'request',
      entityId: null,
      after: { method: refusal.method, url: refusal.url, permission: refusal.permission },
      ip: refusal.ip,
      at,
    });
    insertRefusalWindow(tx, id, key, at);
  });
}

const PAGE = 100;

/** The filters of the trail's pages and export, as the query string gives them (validated). */
export interface AuditFilters {
  entityType?: AuditEntityType | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  person?: string | undefined;
  record?: string | undefined;
  kind?: AuditKind | undefined;
  grant?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The day after an ISO date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The filters as the repository takes them: a person's email address becomes their id, a bid's
 * reference its id, London days instants. An address nobody has, or a record nobody knows, is
 * refused on its field (400) rather than answered with an empty list that looks like "nothing
 * happened".
 */
function resolveFilters(q: Queryable, filters: AuditFilters): Omit<RepositoryQuery, 'limit'> {
  const fields: Record<string, string> = {};
  let actorId = filters.actorId;
  if (filters.person) {
    actorId = userIdByEmail(q, filters.person);
    if (!actorId) fields.person = 'There is no one with this email address';
  }
  let { entityType, entityId } = filters;
  if (filters.record) {
    const bidId = bidIdByReference(q, filters.record);
    if (bidId) {
      entityType = 'bid';
      entityId = bidId;
    } else if (auditedRecordExists(q, filters.record)) {
      entityId = filters.record;
    } else {
      fields.record = 'No bid has this reference, and no record this id';
    }
  }
  if (filters.grant) {
    const grantId = grantIdByBidReferenceOrId(q, filters.grant);
    if (grantId) {
      entityType = 'grant';
      entityId = grantId;
    } else {
      fields.grant = 'No grant has this bid reference or id';
    }
  }
  if (Object.keys(fields).length > 0) throw badRequest('Check the filters', fields);
  return {
    entityType,
    entityId,
    actorId,
    kind: filters.kind,
    fromAt: filters.from ? londonLocalToIso(`${filters.from}T00:00`) : undefined,
    untilAt: filters.to ? londonLocalToIso(`${nextDay(filters.to)}T00:00`) : undefined,
  };
}

type AuditRow = ReturnType<typeof listAudit>[number];

/** The ids an entry's details name (assessors, members, funds), to say them by name. */
function namedIds(rows: readonly AuditRow[]): { people: string[]; funds: string[] } {
  const people = new Set<string>();
  const fundIds = new Set<string>();
  for (const { event } of rows) {
    for (const side of [event.before, event.after]) {
      if (!side || typeof side !== 'object') continue;
      for (const key of AUDIT_NAMED_IDS) {
        const value = (side as Record<string, unknown>)[key];
        if (typeof value !== 'string') continue;
        (key === 'fundId' ? fundIds : people).add(value);
      }
    }
  }
  return { people: [...people], funds: [...fundIds] };
}

/** What a record with no name is called in a sentence: one that is not there, or none at all. */
function unnamedRecord(type: AuditEntityType, id: string | null): string {
  if (type === 'user') return id ? 'an account no longer there' : 'an email address with no account';
  return 'a record no longer there';
}

/** The entries, each in words: who acted, what they did, which record, linked by its type and id. */
function inWords(q: Queryable, rows: readonly AuditRow[]): AuditEvent[] {
  const ids = namedIds(rows);
  const actors = userNames(q, [
    ...new Set([
      ...rows.map((r) => r.event.actorId).filter((id): id is string => id !== null),
      ...ids.people,
    ]),
  ]);
  const fundsByName = fundNames(q, ids.funds);
  const lookup = (id: string) => actors.get(id) ?? fundsByName.get(id);
  const records = recordNames(
    q,
    rows.flatMap(({ event }) => (event.entityId ? [{ type: event.entityType, id: event.entityId }] : [])),
  );
  return rows.map(({ event: r, refusals }) => {
    const named = r.entityId ? records.get(`${r.entityType}:${r.entityId}`) : undefined;
    const record =
      named && r.entityId
        ? { type: r.entityType, id: r.entityId, name: named.name, bidId: named.bidId }
        : null;
    const actorName = r.actorId ? (actors.get(r.actorId) ?? null) : null;
    const actorLabel = auditActorLabel(r.action, r.actorId, actorName);
    const facts = { action: r.action, before: r.before, after: r.after };
    return {
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName,
      actorLabel,
      action: r.action,
      kind: auditKindOf(r.action),
      entityType: r.entityType,
      entityId: r.entityId,
      record,
      phrase: auditPhrase(facts, lookup),
      sentence: auditSentence(
        facts,
        { actor: actorLabel, record: record?.name ?? unnamedRecord(r.entityType, r.entityId) },
        lookup,
      ),
      before: r.before,
      after: r.after,
      reason: r.reason,
      refusals: r.action === 'access.denied' ? (refusals ?? 1) : null,
    };
  });
}

/**
 * One page of the audit trail, newest first, in words; `nextBefore` pages on. Officers and admins
 * (read-only: the trail has no writes but its own).
 */
export function auditTrail(
  ctx: ServiceContext,
  query: AuditFilters & { before?: number | undefined },
): AuditList {
  authorize(ctx.actor, { action: 'audit.browse' });
  const filters = resolveFilters(ctx.db, query);
  const rows = listAudit(ctx.db, { ...filters, beforeId: query.before, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  return {
    events: inWords(ctx.db, page),
    nextBefore: rows.length > PAGE ? (page.at(-1)?.event.id ?? null) : null,
  };
}

/** A detail of an entry as one cell: JSON, or nothing. */
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Every entry the filters match, newest first, as CSV in words with the raw entry beside them:
 * formula-safe (lib/csv.ts), as the panel's CSVs are. More than AUDIT_EXPORT_LIMIT entries asks
 * for narrower filters (400) rather than a file nobody can open. Admins only.
 */
export function auditCsv(ctx: ServiceContext, query: AuditFilters): { filename: string; csv: string } {
  authorize(ctx.actor, { action: 'audit.read' });
  const filters = resolveFilters(ctx.db, query);
  const rows = listAudit(ctx.db, { ...filters, limit: AUDIT_EXPORT_LIMIT + 1 });
  if (rows.length > AUDIT_EXPORT_LIMIT) {
    const message = `More than ${AUDIT_EXPORT_LIMIT.toLocaleString('en-GB')} entries match. Choose a shorter time or another filter.`;
    throw badRequest(message, { from: message });
  }
  const events = inWords(ctx.db, rows);
  const lines = [
    [
      'When',
      'Who',
      'What',
      'Kind',
      'Record',
      'Record type',
      'Record id',
      'Reason',
      'Before',
      'After',
      'Refusals',
      'Action',
      'Event id',
    ],
    ...events.map((e) => [
      isoToLondonLocal(e.at).replace('T', ' '),
      e.actorLabel,
      e.sentence,
      AUDIT_KINDS[e.kind],
      e.record?.name ?? null,
      e.entityType,
      e.entityId,
      e.reason,
      json(e.before),
      json(e.after),
      e.refusals,
      e.action,
      e.id,
    ]),
  ];
  const day = isoToLondonLocal(ctx.clock.now().toISOString()).slice(0, 10);
  return { filename: `audit-trail-${day}.csv`, csv: `\uFEFF${toCsv(lines)}` };
}

// The audit chain (decision 0026)
/** Walks the whole hash chain, oldest first: ok with how many events, or the first broken one. */
export function verifyAuditChain(q: Queryable): AuditChainCheck {
  const check = checkChain(storedAuditEvents(q));
  return {
    ok: check.ok,
    events: check.events,
    brokenAt: check.ok ? null : check.brokenAt,
    problem: check.ok ? null : check.problem,
    message: chainCheckMessage(check),
  };
}

/** The chain check for the audit page. Admins only. */
export function auditChainCheck(ctx: ServiceContext): AuditChainCheck {
  authorize(ctx.actor, { action: 'audit.read' });
  return verifyAuditChain(ctx.db);
}
