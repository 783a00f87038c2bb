import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  try {
    await c.env.DB.prepare('SELECT 1').first();
  } catch {
    throw new ApiError(503, 'unavailable', { retryAfterSec: 5 });
  }
  return c.json({ ok: true as const, db: 'ok' as const }, 200);
});
