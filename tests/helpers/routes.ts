import type { Express } from 'express';

/** Every `METHOD /path` the app's router serves, read from Express's own route stack (nested routers too). */
export function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Array<{ route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: unknown[] }; name?: string }>) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.name === 'router' && Array.isArray(layer.handle?.stack)) walk(layer.handle.stack as typeof stack);
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return [...new Set(found)];
}
