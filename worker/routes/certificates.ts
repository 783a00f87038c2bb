// The public check of a "健康达人" certificate: anyone holding the paper types its code and sees
// whose it is (name masked), the rank, the season and who issued it.
import { Hono } from 'hono';
import * as v from 'valibot';
import { certificateByCode } from '../db/quiz-finals.ts';
import { normalizeBookingCode } from '../domain/booking-code.ts';
import { chinaDay } from '../domain/china-time.ts';
import { maskName } from '../domain/quiz.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { param } from '../lib/validation.ts';

const codeParam = v.object({ code: v.pipe(v.string(), v.maxLength(32), v.transform(normalizeBookingCode)) });

export const certificateRoutes = new Hono<AppEnv>().get('/:code', param(codeParam), async (c) => {
  const found = await certificateByCode(c.var.db, c.req.valid('param').code);
  if (!found || found.rank === null || !found.certificateCode) throw notFound();
  return c.json(
    {
      certificate: {
        code: found.certificateCode,
        name: maskName(found.name),
        rank: found.rank,
        prize: found.prize,
        final: found.finalTitle,
        season: found.seasonTitle,
        organization: found.organization,
        issuedOn: found.endedAt ? chinaDay(found.endedAt) : null,
      },
    },
    200,
  );
});
