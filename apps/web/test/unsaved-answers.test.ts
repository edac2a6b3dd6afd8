import { describe, expect, it } from 'vitest';
import {
  forgetUnsaved,
  KEEP_DAYS,
  type KeyValueStore,
  pruneUnsaved,
  readUnsaved,
  unsavedKey,
  writeUnsaved,
} from '../src/features/bids/components/unsaved-answers';

/** localStorage as a Map. */
function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

const NOW = new Date('2026-11-29T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe('the copy of unsaved answers kept in the browser', () => {
  it('is kept per person, bid and section, with the version it was typed over', () => {
    const store = memoryStore();
    const key = unsavedKey('user-1', 'bid-1', 'about');
    writeUnsaved(store, key, { version: 3, at: daysAgo(0), values: { title: 'Sewing' } });
    expect(readUnsaved(store, key, NOW)).toEqual({ version: 3, at: daysAgo(0), values: { title: 'Sewing' } });
    expect(readUnsaved(store, unsavedKey('user-2', 'bid-1', 'about'), NOW)).toBeNull();
    expect(readUnsaved(store, unsavedKey('user-1', 'bid-1', 'budget'), NOW)).toBeNull();
    forgetUnsaved(store, key);
    expect(readUnsaved(store, key, NOW)).toBeNull();
  });

  it(`is dropped after ${KEEP_DAYS} days, and when it cannot be read`, () => {
    const store = memoryStore();
    const old = unsavedKey('u', 'b', 'about');
    const fresh = unsavedKey('u', 'b', 'risks');
    const broken = unsavedKey('u', 'b', 'budget');
    writeUnsaved(store, old, { version: 1, at: daysAgo(KEEP_DAYS + 1), values: {} });
    writeUnsaved(store, fresh, { version: 1, at: daysAgo(KEEP_DAYS - 1), values: {} });
    store.setItem(broken, '{not json');
    store.setItem('someone-else', 'kept');
    pruneUnsaved(store, NOW);
    expect([...store.map.keys()].sort()).toEqual([fresh, 'someone-else'].sort());
    writeUnsaved(store, old, { version: 1, at: daysAgo(KEEP_DAYS + 1), values: {} });
    expect(readUnsaved(store, old, NOW)).toBeNull();
    expect(store.map.has(old)).toBe(false);
  });

  it('never stops someone typing when the browser will not store it', () => {
    const full: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
      key: () => null,
      length: 0,
    };
    const key = unsavedKey('u', 'b', 'about');
    expect(() => writeUnsaved(full, key, { version: 0, at: daysAgo(0), values: {} })).not.toThrow();
    expect(readUnsaved(full, key, NOW)).toBeNull();
    expect(() => forgetUnsaved(full, key)).not.toThrow();
    expect(() => pruneUnsaved(full, NOW)).not.toThrow();
    expect(readUnsaved(null, key, NOW)).toBeNull();
  });
});
