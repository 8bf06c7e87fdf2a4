import { z } from 'zod';

/** Form parameters arrive as strings; these read them as Stripe does. */

export const formInt = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number);

export const formBool = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Stripe: up to 50 keys, keys up to 40 characters, values up to 500; '' unsets (on update). */
export const metadataParam = z
  .union([z.literal(''), z.record(z.string().max(40), z.string().max(500))])
  .refine((metadata) => metadata === '' || Object.keys(metadata).length <= 50, 'at most 50 keys')
  .optional();

export const expandParam = z.array(z.string()).optional();

export const listParams = {
  limit: formInt.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: expandParam,
};

/** Applies a metadata update: '' clears everything, a key set to '' is removed. */
export function mergeMetadata(
  current: Record<string, string>,
  update: '' | Record<string, string> | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
