import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';

/** Cookie parsing. Our cookies carry random tokens checked against the database, so none is signed. */
export default fp(
  async (app) => {
    await app.register(cookie);
  },
  { name: 'cookie' },
);
