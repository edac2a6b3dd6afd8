import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3 generated from the routes' Zod schemas, served at /api/openapi.json, with a browsable
 * UI at /api/docs. Schemas given an id with `.meta({ id })` become named components.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Communities Fund API',
          description:
            'The JSON API behind the Communities Fund web app. State-changing requests need the ' +
            '`x-csrf-token` header equal to the `csrf_token` cookie. Errors share one envelope: ' +
            '`{ "error": { "code", "message", "fields"? } }`.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      // Our pages may be served over plain http on localhost; never force an https upgrade.
      transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?/, ''),
    });
  },
  { name: 'swagger' },
);
