// The Worker app: cross-cutting middleware in front of the API; other paths go to the web app.
import { Hono, type ErrorHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import { languageDetector } from 'hono/language';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { cityOfHost } from './cities.ts';
import type { AppEnv } from './env.ts';
import { ApiError, describeForLog, errorResponse, fromHttpException, isDatabaseUnavailable } from './lib/errors.ts';
import { languages } from './lib/messages.ts';
import { sameOriginWrites } from './lib/same-origin.ts';
import { requestLog } from './lib/request-log.ts';
import { api } from './api.ts';

const MAX_JSON_BODY_BYTES = 64 * 1024;
/** Routes that set a larger limit of their own: a question bank is a whole file. */
const LARGER_BODIES = ['/api/admin/quiz/seasons/:id/questions'];

// Errors and notable events are logged as JSON with the request id; deployed, every request is
// too (lib/request-log.ts), beside the invocation logs of Workers Logs (observability).
export const app = new Hono<AppEnv>()
  .use(cityOfHost)
  .use(requestId())
  .use(requestLog)
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
  .use('/api/*', except(LARGER_BODIES, bodyLimit({ maxSize: MAX_JSON_BODY_BYTES })))
  .route('/api', api);

app.notFound((c) => {
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') return errorResponse(c, new ApiError(404, 'not_found'));
  return c.env.ASSETS.fetch(c.req.raw);
});

/** Every error leaves in the contract's shape, whoever threw it. */
export const answerError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (error instanceof HTTPException) {
    if (error.status >= 500) {
      console.error(JSON.stringify({ event: 'error', requestId: c.get('requestId'), status: error.status }));
    }
    return errorResponse(c, fromHttpException(error));
  }
  if (isDatabaseUnavailable(error)) {
    console.error(JSON.stringify({ event: 'database_unavailable', requestId: c.get('requestId'), name: error.name }));
    return errorResponse(c, new ApiError(503, 'unavailable', { retryAfterSec: 2 }));
  }
  console.error(JSON.stringify({ event: 'error', requestId: c.get('requestId'), ...describeForLog(error) }));
  return errorResponse(c, new ApiError(500, 'internal'));
};

app.onError(answerError);
