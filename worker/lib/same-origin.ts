// Refuses state-changing requests that a browser sends from another site.
// Hono's csrf() only looks at form-like content types; this covers JSON bodies too.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    // Requests without these headers do not come from a browser page, so carry no ambient cookies risk.
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && origin !== new URL(c.req.url).origin;
    if (crossSite || foreignOrigin) throw new ApiError(403, 'forbidden', { message: 'cross_origin' });
  }
  await next();
});
