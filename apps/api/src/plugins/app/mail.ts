import fp from 'fastify-plugin';
import { createTransport } from 'nodemailer';
import { deliverDue, type Sender } from '../../modules/mail/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    mail: {
      /** True when SMTP_URL is set and the worker sends mail. */
      enabled: boolean;
      /** Sends whatever is due now (tests call this instead of waiting for the timer). */
      flush(): Promise<number>;
    };
  }
}

const POLL_MS = 2_000;

/**
 * The outbox worker. Without SMTP_URL (the demo) nothing is sent: messages wait in the outbox and
 * staff read them on the "sent mail" page.
 */
export default fp(
  async (app) => {
    const smtpUrl = app.config.SMTP_URL;
    let send: Sender | null = null;
    if (smtpUrl) {
      // Time out well inside the outbox's 60-second claim, so a slow server cannot cause a double send.
      const transport = createTransport(smtpUrl, {
        connectionTimeout: 15_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      send = async (message) => {
        await transport.sendMail({
          from: app.config.MAIL_FROM,
          to: message.to,
          subject: message.subject,
          text: message.body,
          // The outbox id as Message-ID lets a receiver spot a repeat after a crash mid-send.
          messageId: `<${message.id}@communities-fund>`,
        });
      };
      app.addHook('onClose', async () => transport.close());
    }

    let running: Promise<number> | null = null;
    const flush = async (): Promise<number> => {
      if (!send) return 0;
      if (running) return running;
      const sender = send;
      running = deliverDue(app.db, sender, () => app.clock.now()).finally(() => {
        running = null;
      });
      return running;
    };
    app.decorate('mail', { enabled: send !== null, flush });

    if (send && app.config.NODE_ENV !== 'test') {
      const timer = setInterval(() => {
        flush().catch((error: unknown) => app.log.error({ err: error }, 'mail worker failed'));
      }, POLL_MS);
      timer.unref();
      app.addHook('onClose', async () => {
        clearInterval(timer);
        await running;
      });
    }
  },
  { name: 'mail', dependencies: ['db', 'config'] },
);
