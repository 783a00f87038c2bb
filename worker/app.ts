// The Worker app: cross-cutting middleware in front of the API; other paths go to the web app.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { languageDetector } from 'hono/language';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './lib/errors.ts';
import { languages } from './lib/messages.ts';
import { sameOriginWrites } from './lib/same-origin.ts';
import { api } from './api.ts';

const MAX_JSON_BODY_BYTES = 64 * 1024;

// No per-request log line: Workers Logs (observability in wrangler.toml) records every
// invocation already, and a console line per request halved sign-up throughput under load.
// Errors and notable events are logged as JSON with the request id.
export const app = new Hono<AppEnv>()
  .use(requestId())
  .use(
    languageDetector({
      order: ['header'],
      supportedLanguages: [...languages],
      fallbackLanguage: 'zh-CN',
      caches: false,
    }),
  )
  .use(secureHeaders())
  .use('/api/*', sameOriginWrites)
  .use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large');
      },
    }),
  )
  .route('/api', api);

app.notFound((c) => {
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') return errorResponse(c, new ApiError(404, 'not_found'));
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((error, c) => {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (error instanceof HTTPException && error.status === 400) return errorResponse(c, new ApiError(400, 'invalid_json'));
  console.error(
    JSON.stringify({ event: 'error', requestId: c.get('requestId'), name: error.name, message: error.message }),
  );
  return errorResponse(c, new ApiError(500, 'internal'));
});
