// Notifications an organizer's write (or a group sign-up) has queued, perhaps for many people (session
// changes, call-outs, promotions, group confirmations), leave at once, after the response.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { relayNotifications } from './relay.ts';

export const relayAfterWrites = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.res.status >= 400 || !c.env.NOTIFICATIONS) return;
  const requestId = c.get('requestId');
  c.executionCtx.waitUntil(
    relayNotifications(c.env).catch((error: unknown) => {
      console.error(
        JSON.stringify({
          event: 'notifications_relay_failed',
          requestId,
          name: error instanceof Error ? error.name : 'Error',
        }),
      );
    }),
  );
});
