// What the web app needs to know about the city it serves: its name and districts.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const configRoutes = new Hono<AppEnv>().get('/', (c) => {
  // The same for everyone and changed only by a deploy: browsers may keep it a while.
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({ cityName: c.env.CITY_NAME, districts: c.env.DISTRICTS }, 200);
});
