import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok') });

/** What every page needs to know about the service itself. */
export const About = z
  .object({
    /** The demo's made-up groups, bids and accounts are in this database: pages say so. */
    demoData: z.boolean(),
  })
  .meta({ id: 'About' });
export type About = z.infer<typeof About>;
