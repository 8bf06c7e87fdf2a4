import { Router } from 'express';
import type { Services } from '../services';
import { categoryRoutes } from './category-routes';
import { orgSettingsRoutes } from './org-settings';
import { userRoutes } from './user-routes';

/** Settings: categories (read by everyone), organization switches and user roles (admins). */
export function settingsRoutes(services: Services): Router {
  const router = Router();
  router.use(categoryRoutes(services), orgSettingsRoutes(services), userRoutes(services));
  return router;
}
