import { and, eq } from 'drizzle-orm';
import type { Request, RequestHandler } from 'express';
import { users } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import type { Services } from '../services';
import { HttpError } from '../http/errors';

export type Role = 'agent' | 'supervisor' | 'admin';

export interface AuthContext {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  zoomUserId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/**
 * Resolves the signed-in user from the session on every request. The role is read from the
 * database each time, so a role change or removal takes effect at once.
 */
export function loadCurrentUser(services: Services): RequestHandler {
  return async (req, _res, next) => {
    const { userId, orgId } = req.session ?? {};
    if (!userId || !orgId) return next();
    const [user] = await withOrg(services.db, orgId, (tx) =>
      tx.select().from(users).where(and(eq(users.id, userId), eq(users.orgId, orgId))).limit(1),
    );
    if (!user) {
      req.session.userId = undefined;
      req.session.orgId = undefined;
      return next();
    }
    req.auth = { userId: user.id, orgId: user.orgId, role: user.role, name: user.name, zoomUserId: user.zoomUserId };
    next();
  };
}

export function requireUser(req: Request): AuthContext {
  if (!req.auth) throw new HttpError(401, 'Sign in to continue.', 'unauthorized');
  return req.auth;
}

export function requireRole(atLeast: Role): RequestHandler {
  return (req, _res, next) => {
    const auth = requireUser(req);
    if (!hasRole(auth.role, atLeast)) throw new HttpError(403, `This needs the ${atLeast} role.`, 'forbidden');
    next();
  };
}

export const signedIn: RequestHandler = (req, _res, next) => {
  requireUser(req);
  next();
};
