// One JSON line per request where LOG_REQUESTS is "true" (the deployed environments): the request
// id the client saw in X-Request-Id, the route as declared (`/api/slots/:slotId/registrations`, so
// no ids, query strings or bodies, and nothing personal), the status and the time taken.
// Off locally: wrangler dev prints its own line per request, and under `npm run bench` a console
// line per request cost half the sign-up throughput (a cost of wrangler dev's log relay, not of
// Workers in production).
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env.ts';

export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.LOG_REQUESTS !== 'true') return next();
  const started = Date.now();
  await next();
  console.log(
    JSON.stringify({
      event: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      ms: Date.now() - started,
    }),
  );
});
