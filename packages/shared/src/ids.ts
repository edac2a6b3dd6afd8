import { z } from 'zod';

/** Every entity has a random UUID, so ids in URLs cannot be guessed or counted. */
export const Id = z.uuid({ message: 'Enter a valid identifier' });
export type Id = z.infer<typeof Id>;

export const IdParams = z.strictObject({ id: Id });
export const FundIdParams = z.strictObject({ fundId: Id });
