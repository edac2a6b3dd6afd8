import type { Db } from '../db/client.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { type DemoIds, isEmptyDatabase, seedDemo } from './demo.js';
import type { StoreFile } from './demo-bids.js';
import { seedReferenceData } from './reference.js';

/**
 * Run at every start, after migrations: reference data into empty tables; the demo only into a new
 * database and only when SEED_DEMO is on. Never touches a database people already use.
 */
export async function seedDatabase(
  db: Db,
  options: { demo: boolean; now: Date; storeFile: StoreFile },
): Promise<DemoIds | null> {
  unitOfWork(db, (tx) => seedReferenceData(tx));
  if (options.demo && isEmptyDatabase(db)) return seedDemo(db, options.now, options.storeFile);
  return null;
}
