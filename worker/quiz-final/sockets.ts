// Hands a socket to a final's Durable Object once the Worker has decided who is connecting.
import type { Context } from 'hono';
import type { AppEnv, Bindings } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { FINALIST_HEADER, ROLE_HEADER, type FinalGame, type Role } from './protocol.ts';

/**
 * The Durable Object of one final: one per final, named by the final's id. One namespace serves
 * every city (worker/cities.ts): an id is a random UUID, and a request reaches it only after finding
 * the final in its own city's database.
 */
export const finalGame = (env: Bindings, finalId: string) =>
  env.QUIZ_FINAL.get(env.QUIZ_FINAL.idFromName(finalId)) as unknown as FinalGame;

/**
 * Forwards a WebSocket upgrade to the final's object with the caller's role. A page of another
 * site may not open one with this browser's cookies (the host's socket is cookie-authenticated).
 */
export async function connectToFinal<E extends AppEnv>(
  c: Context<E>,
  finalId: string,
  role: Role,
  finalistId?: string,
) {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'websocket_expected');
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin)
    throw new ApiError(403, 'forbidden', { message: 'cross_origin' });
  const headers = new Headers(c.req.raw.headers);
  headers.set(ROLE_HEADER, role);
  if (finalistId) headers.set(FINALIST_HEADER, finalistId);
  else headers.delete(FINALIST_HEADER);
  const response = await finalGame(c.env, finalId).fetch(new Request(c.req.raw.url, { headers }));
  // A fresh response around the same socket: the object's has immutable headers, which the
  // middleware after this would fail to add to.
  const upgraded = { status: 101, webSocket: response.webSocket };
  return new Response(null, upgraded);
}
