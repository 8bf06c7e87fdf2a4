import { Router } from 'express';
import { withOrg } from '../../db/tenant';
import { categoryInputSchema, categoryOrderSchema } from '../contract/api';
import { requireRole, requireUser, signedIn } from '../auth/current-user';
import type { Services } from '../services';
import { createCategory, deleteCategory, listCategoryViews, reorderCategories, updateCategory } from './categories';
import { resourceId } from './resource-id';

/** Everyone reads the categories (the editor's picker); only admins change them. */
export function categoryRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/categories', signedIn, async (req, res) => {
    const auth = requireUser(req);
    res.json({ items: await withOrg(services.db, auth.orgId, (tx) => listCategoryViews(tx)) });
  });

  router.post('/api/categories', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const input = categoryInputSchema.parse(req.body);
    res.status(201).json(await withOrg(services.db, auth.orgId, (tx) => createCategory(tx, auth, input)));
  });

  // Before /:id, which would otherwise take "order" for an id.
  router.put('/api/categories/order', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const { ids } = categoryOrderSchema.parse(req.body);
    res.json({ items: await withOrg(services.db, auth.orgId, (tx) => reorderCategories(tx, auth, ids)) });
  });

  router.put('/api/categories/:id', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const id = resourceId(req, 'category');
    const input = categoryInputSchema.parse(req.body);
    res.json(await withOrg(services.db, auth.orgId, (tx) => updateCategory(tx, auth, id, input)));
  });

  router.delete('/api/categories/:id', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const id = resourceId(req, 'category');
    await withOrg(services.db, auth.orgId, (tx) => deleteCategory(tx, auth, id));
    res.status(204).end();
  });

  return router;
}
