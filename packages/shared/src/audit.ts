import { z } from 'zod';
import { IsoDateTime } from './dates.js';

export const AuditEvent = z.object({
  id: z.int(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  /** For the next page: events older than this id. */
  before: z.coerce.number().int().positive().optional(),
});

export const AuditList = z.object({ events: z.array(AuditEvent), nextBefore: z.int().nullable() });
export type AuditList = z.infer<typeof AuditList>;
