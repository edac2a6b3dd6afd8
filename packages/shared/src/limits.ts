import { MAX_UPLOAD_BYTES } from './bids.js';

// What one person or group may create, and how much a list shows at once, so that nobody can use
// the service up for everyone else (docs/decisions/0016-limits.md says why these numbers). The
// forms say them before anyone reaches them; the API refuses beyond them in the same words.

/** Documents one bid may carry: the required three and plenty of letters of support. */
export const MAX_DOCUMENTS_PER_BID = 20;
/** All of one bid's documents together: five files at the largest size one may be. */
export const MAX_DOCUMENT_BYTES_PER_BID = 5 * MAX_UPLOAD_BYTES;
/** Unsent (draft) bids one group may have open for one fund at a time. */
export const MAX_DRAFTS_PER_GROUP_PER_FUND = 5;
/** Community groups one person may belong to. */
export const MAX_GROUPS_PER_PERSON = 10;

/**
 * Refused requests are audited, but one address cannot flood the trail: at most one access.denied
 * row per address, person and permission in this many seconds, counting the refusals it stands for.
 */
export const REFUSAL_AUDIT_WINDOW_SECONDS = 60;

/** A number of bytes in words: "1 KB", "9.5 MB", "50 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Why a document cannot be added to a bid (or a report's evidence, which keeps the same limits),
 * or null when it can (`adding` is its size, if known).
 */
export function documentLimitProblem(
  current: { count: number; bytes: number },
  adding?: number,
  holder: 'bid' | 'report' = 'bid',
): string | null {
  if (current.count >= MAX_DOCUMENTS_PER_BID) {
    return `Your ${holder} already has ${MAX_DOCUMENTS_PER_BID} documents, the most it can have. Remove one to add another.`;
  }
  if (adding !== undefined && current.bytes + adding > MAX_DOCUMENT_BYTES_PER_BID) {
    const left = Math.max(0, MAX_DOCUMENT_BYTES_PER_BID - current.bytes);
    return `Your ${holder}’s documents can add up to ${formatBytes(MAX_DOCUMENT_BYTES_PER_BID)}. The selected file is ${formatBytes(adding)} and there is ${formatBytes(left)} left. Remove a document, or upload a smaller file.`;
  }
  return null;
}

export const DRAFT_LIMIT_MESSAGE = `Your group already has ${MAX_DRAFTS_PER_GROUP_PER_FUND} unsent bids for this fund, the most it can have. Send or withdraw one of them before you start another.`;

export const GROUP_LIMIT_MESSAGE = `You are already a member of ${MAX_GROUPS_PER_PERSON} groups, the most one person can be. Ask the grants team if you need to be in more.`;
