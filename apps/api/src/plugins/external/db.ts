import fp from 'fastify-plugin';
import { type Db, openDatabase } from '../../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** Opens the database (applying migrations) and closes it when the server stops. */
export default fp(
  async (app) => {
    const opened = openDatabase(app.config.DATABASE_URL ?? app.config.DATABASE_PATH);
    app.decorate('db', opened.db);
    app.addHook('onClose', async () => opened.close());
  },
  { name: 'db', dependencies: ['config'] },
);
