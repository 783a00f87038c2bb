// Texts a write has queued (confirmations, promotions, session changes, call-outs) leave at once,
// after the response has gone: the cron's sweep is only the safety net.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { relayNotifications } from './relay.ts';

export const relayAfterWrites = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.res.status >= 400 || !c.env.NOTIFICATIONS) return;
  const requestId = c.get('requestId');
  c.executionCtx.waitUntil(
    relayNotifications(c.env).catch((error: unknown) => {
      console.error(JSON.stringify({ event: 'notifications_relay_failed', requestId, name: error instanceof Error ? error.name : 'Error' }));
    }),
  );
});
