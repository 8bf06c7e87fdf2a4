import type { Request } from 'express';
import { z } from 'zod';
import { notFound } from '../http/errors';

const uuid = z.uuid();

/** The :id of a URL; one that cannot exist is "not found" like any other unknown id (never a 500 from the cast). */
export function resourceId(req: Request, what: string): string {
  const parsed = uuid.safeParse(req.params.id);
  if (!parsed.success) throw notFound(`No such ${what}.`);
  return parsed.data.toLowerCase();
}
