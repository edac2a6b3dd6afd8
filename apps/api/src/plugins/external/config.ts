import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Clock } from '../../lib/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
  }
}

export interface ConfigPluginOptions {
  config: Config;
  clock: Clock;
}

/** Makes the validated configuration and the clock available to every plugin and route. */
export default fp<ConfigPluginOptions>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    app.decorate('clock', opts.clock);
  },
  { name: 'config' },
);
