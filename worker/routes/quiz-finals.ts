// The live final in public: the audience's socket (the link on the hall's posters), and a
// finalist's personal link — their socket, and what their phone and certificate show.
import { Hono } from 'hono';
import * as v from 'valibot';
import { finalistByToken, getFinal } from '../db/quiz-finals.ts';
import { chinaDay } from '../domain/china-time.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { param } from '../lib/validation.ts';
import { connectToFinal } from '../quiz-final/sockets.ts';
import { idParam } from './schemas.ts';

const tokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(64)) });

export const quizFinalRoutes = new Hono<AppEnv>().get('/:id/socket', param(idParam), async (c) => {
  const found = await getFinal(c.var.db, c.req.valid('param').id);
  if (!found) throw notFound();
  return connectToFinal(c, found.final.id, 'audience');
});

export const finalistRoutes = new Hono<AppEnv>()
  .get('/:token', param(tokenParam), async (c) => {
    const found = await finalistByToken(c.var.db, c.req.valid('param').token);
    if (!found) throw notFound();
    c.header('cache-control', 'no-store');
    return c.json(
      {
        finalist: {
          id: found.finalistId,
          name: found.name,
          final: { id: found.finalId, title: found.finalTitle },
          season: found.seasonTitle,
          organization: found.organization,
          result:
            found.rank === null
              ? null
              : {
                  rank: found.rank,
                  prize: found.prize,
                  points: found.points,
                  certificateCode: found.certificateCode,
                  issuedOn: found.endedAt ? chinaDay(found.endedAt) : null,
                },
        },
      },
      200,
    );
  })
  .get('/:token/socket', param(tokenParam), async (c) => {
    const found = await finalistByToken(c.var.db, c.req.valid('param').token);
    if (!found) throw notFound();
    return connectToFinal(c, found.finalId, 'player', found.finalistId);
  });
