// One JSON line per request: what a log search needs, with no personal data
// (paths carry ids, never phones or ID numbers; bodies and query strings are not logged).
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  console.log(
    JSON.stringify({
      event: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    }),
  );
});
