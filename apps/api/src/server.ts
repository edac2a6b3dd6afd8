import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** Starts the server and stops it cleanly on SIGINT/SIGTERM. Everything else lives in app.ts. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const app = await buildApp({ config });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  // One plain line that scripts (and people) can read, whatever the log format.
  console.log(`Communities Fund is running at ${address.replace('127.0.0.1', 'localhost')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
