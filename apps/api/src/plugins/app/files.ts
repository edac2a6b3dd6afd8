import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    files: {
      /** Stores bytes under DATA_DIR with a new random name, which it returns. */
      save(bytes: Buffer): Promise<string>;
      /** The same, synchronously: for seeding inside a database transaction. */
      saveSync(bytes: Buffer): string;
      /**
       * Stores the bytes, then runs `write` with the stored name (the row that names the file, in its
       * unit of work); removes the file again if `write` throws. The file is on disk before the row
       * that names it is committed (backups rely on that order, decision 0028).
       */
      storeFor<T>(bytes: Buffer, write: (storedName: string) => T): Promise<T>;
      read(storedName: string): Promise<Buffer>;
      remove(storedName: string): Promise<void>;
    };
  }
}

const STORED_NAME = /^[a-f0-9]{32}$/;

function pathFor(dir: string, storedName: string): string {
  // Names are only ever our own random hex, so no path can escape DATA_DIR.
  if (!STORED_NAME.test(storedName)) throw new Error('Not a stored file name');
  return join(dir, storedName.slice(0, 2), storedName);
}

/** Uploaded files on disk, under DATA_DIR, named at random. Access is checked by the routes that serve them. */
export default fp(
  async (app) => {
    const dir = app.config.DATA_DIR;
    mkdirSync(dir, { recursive: true });
    const place = () => {
      const storedName = randomBytes(16).toString('hex');
      mkdirSync(join(dir, storedName.slice(0, 2)), { recursive: true });
      return { storedName, path: pathFor(dir, storedName) };
    };
    const save = async (bytes: Buffer) => {
      const { storedName, path } = place();
      await writeFile(path, bytes, { flag: 'wx' });
      return storedName;
    };
    const remove = (storedName: string) => rm(pathFor(dir, storedName), { force: true });
    app.decorate('files', {
      save,
      storeFor: async <T>(bytes: Buffer, write: (storedName: string) => T): Promise<T> => {
        const storedName = await save(bytes);
        try {
          return write(storedName);
        } catch (error) {
          await remove(storedName);
          throw error;
        }
      },
      saveSync: (bytes: Buffer) => {
        const { storedName, path } = place();
        writeFileSync(path, bytes, { flag: 'wx' });
        return storedName;
      },
      read: (storedName: string) => readFile(pathFor(dir, storedName)),
      remove,
    });
  },
  { name: 'files', dependencies: ['config'] },
);
