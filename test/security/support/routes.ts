import type { Express } from 'express';

/** One route of an express app: its method and its full path pattern (`/api/ranks/:id`). */
export interface AppRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the app answers, found by walking express's router stack (nested routers included),
 * so a route added later is checked without anyone remembering to list it here.
 */
export function listRoutes(app: Express): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          routes.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}` });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The routes that change something. */
export function writeRoutes(app: Express, under: string): AppRoute[] {
  return listRoutes(app).filter((r) => !reads.has(r.method) && r.path.startsWith(under));
}

/** A request path for a route pattern: each `:param` filled with a value of the right shape. */
export function concretePath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : `probe-${name}`,
  );
}
