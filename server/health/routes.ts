import { Router } from 'express';
import type { Services } from '../services';

export async function databaseReady(services: Services, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database check timed out')), timeoutMs);
    });
    await Promise.race([services.db.$client`select 1`, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is alive. /readyz: it can serve (the database answers) and is not shutting down. */
export function healthRoutes(services: Services, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    const ok = await databaseReady(services);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database_unavailable' });
  });
  return router;
}
