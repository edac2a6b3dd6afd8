import { MAX_UPLOAD_BYTES } from '@cf/shared';
import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';

/** File uploads: one file of at most 10 MB per request, and a few small fields. */
export default fp(
  async (app) => {
    await app.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 10 },
      throwFileSizeLimit: true,
    });
  },
  { name: 'multipart' },
);
