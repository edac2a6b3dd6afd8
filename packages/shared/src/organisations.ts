import { z } from 'zod';
import { OrganisationType } from './reference.js';

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: OrganisationType,
    registeredNumber: z.string().nullable(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    town: z.string(),
    postcode: z.string(),
    wardId: z.uuid().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;
