import type {
  AuditAction,
  AuditEntityType,
  RoleGrant,
  SecondFactorState,
  SecretLink,
  Subject,
} from '@cf/shared';
import type { Db, Queryable } from '../db/client.js';
import type { Clock } from './clock.js';

/** The signed-in person making a request: who they are, their roles and their groups. */
export interface Actor extends Subject {
  email: string;
  name: string;
  /** The roles that count now: staff roles only once this session has used the second factor. */
  roles: RoleGrant[];
  organisationIds: string[];
  secondFactor: SecondFactorState;
  /** False until they confirm their email address; until then `roles` and `organisationIds` are empty. */
  emailVerified: boolean;
}

/** One line of the audit trail, as a service writes it: the context fills in who, when and where. */
export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** An email to queue; the words come from modules/mail/templates.ts. */
export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  kind: string;
  /** The secret link the body holds, if any: who may read it on the "sent mail" page depends on it. */
  secret?: SecretLink;
}

/**
 * Everything a service needs, and nothing of HTTP: routes build one per request
 * (plugins/app/context.ts), tests and scripts may build their own.
 */
export interface ServiceContext {
  readonly db: Db;
  readonly clock: Clock;
  /** The signed-in person, or null for an anonymous caller. */
  readonly actor: Actor | null;
  /** Where people reach the service, for links in emails (config PUBLIC_URL, resolved once). */
  readonly publicUrl: string;
  /**
   * Appends to the audit trail inside the caller's transaction, so both or neither land. The
   * actor is the context's unless `actorId` says otherwise (null: the service itself acted).
   */
  audit(q: Queryable, entry: AuditEntry, options?: { actorId: string | null }): void;
  /** Queues an email inside the caller's transaction: if the change rolls back, so does the mail. */
  mail(q: Queryable, message: MailMessage): void;
}
