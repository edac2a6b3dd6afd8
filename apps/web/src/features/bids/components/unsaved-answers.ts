// A copy of what someone has typed on a section page but not saved, kept in this browser so that
// leaving the page (on purpose or not) never throws it away without a word. It is offered back
// when they open the section again; saving or discarding removes it. The copy is for one person,
// bid and section, and says which saved version it was typed over; after KEEP_DAYS it is dropped.

const PREFIX = 'cf.unsaved-answers.v1';
/** How long an unsaved copy is kept in the browser. */
export const KEEP_DAYS = 30;

/** What is kept: the form's values, over which saved version of the section, and when. */
export interface UnsavedCopy {
  version: number;
  at: string;
  values: unknown;
}

/** The part of the browser's storage this needs (localStorage in the app, a fake in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function unsavedKey(userId: string, bidId: string, section: string): string {
  return `${PREFIX}:${userId}:${bidId}:${section}`;
}

function expired(copy: UnsavedCopy, now: Date): boolean {
  const at = Date.parse(copy.at);
  return Number.isNaN(at) || now.getTime() - at > KEEP_DAYS * 86_400_000;
}

function parse(text: string | null): UnsavedCopy | null {
  if (!text) return null;
  try {
    const copy = JSON.parse(text) as Partial<UnsavedCopy> | null;
    if (!copy || !Number.isSafeInteger(copy.version) || typeof copy.at !== 'string' || !('values' in copy)) {
      return null;
    }
    return { version: copy.version as number, at: copy.at, values: copy.values };
  } catch {
    return null;
  }
}

/** The copy kept under this key, if there is one still in date (a broken or old one is removed). */
export function readUnsaved(store: KeyValueStore | null, key: string, now: Date): UnsavedCopy | null {
  if (!store) return null;
  try {
    const copy = parse(store.getItem(key));
    if (!copy || expired(copy, now)) {
      store.removeItem(key);
      return null;
    }
    return copy;
  } catch {
    return null;
  }
}

/** Keeps a copy; a full or blocked storage is not a reason to stop someone typing. */
export function writeUnsaved(store: KeyValueStore | null, key: string, copy: UnsavedCopy): void {
  try {
    store?.setItem(key, JSON.stringify(copy));
  } catch {
    // Nothing to do: the warning before leaving still protects them.
  }
}

export function forgetUnsaved(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    // As above.
  }
}

/** Removes every copy past KEEP_DAYS (or unreadable), for anyone who used this browser. */
export function pruneUnsaved(store: KeyValueStore | null, now: Date): void {
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(`${PREFIX}:`)) keys.push(key);
    }
    for (const key of keys) {
      const copy = parse(store.getItem(key));
      if (!copy || expired(copy, now)) store.removeItem(key);
    }
  } catch {
    // As above.
  }
}

/** The browser's local storage, or null where it cannot be used (some private windows). */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Whether two sets of form values are the same answers. */
export function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
