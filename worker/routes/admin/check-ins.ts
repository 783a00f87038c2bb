// The check-in desk: opened for one campaign (and maybe one session), it scans or types a booking
// code, or finds a person by name or phone digits, and sees at once who it is and whether they may
// enter. A pass of another campaign, session or day is refused, and nothing is written.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { staffByLogin } from '../../db/logins.ts';
import {
  checkIn,
  type DeskRow,
  expectedNow,
  findByCode,
  passByCode,
  type Pass,
  searchToday,
} from '../../db/check-ins.ts';
import { campaignSummary } from '../../db/campaigns.ts';
import type { Database } from '../../db/client.ts';
import { normalizeBookingCode } from '../../domain/booking-code.ts';
import { deskRefusal, WHOLE_BLOOD_VOLUMES_ML } from '../../domain/check-in.ts';
import { chinaDay, toChinaIso } from '../../domain/china-time.ts';
import type { EligibilityRules } from '../../domain/eligibility.ts';
import { offersPlatelets } from '../../domain/sign-up.ts';
import { maskPhone } from '../../domain/phone.ts';
import type { AppEnv, SignedInStaff } from '../../env.ts';
import { admitStaff, requireStaff, staffLoginHash } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach, staffScope } from '../../lib/scope.ts';
import { json, query } from '../../lib/validation.ts';
import { windowView } from '../views.ts';
import { recordId } from '../schemas.ts';

const checkInBody = v.object({
  code: v.pipe(
    v.string(),
    v.maxLength(32),
    v.transform(normalizeBookingCode),
    v.regex(/^[0-9A-Z]{4,16}$/, 'field_invalid'),
  ),
  /** The desk's scope: a pass of another campaign or session is refused. */
  campaignId: v.optional(recordId),
  sessionId: v.optional(recordId),
  /** The donation in the same step; desks now record it after the collection instead. */
  donated: v.optional(v.picklist(['whole_blood', 'platelets'])),
  volumeMl: v.optional(v.picklist(WHOLE_BLOOD_VOLUMES_ML)),
});

const deskScope = { campaignId: recordId, sessionId: v.optional(recordId) };

const searchInput = v.object({
  ...deskScope,
  q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)),
});

const statusRefusal = {
  checked_in: () => new ApiError(409, 'already_checked_in', { message: 'already_checked_in_desk' }),
  cancelled: () => new ApiError(409, 'registration_cancelled'),
  waitlisted: () => new ApiError(409, 'not_confirmed'),
} as const;

/** Refuses a pass the desk must not check in, saying which campaign and day it is for (never who). */
export function refuseOutOfScope(pass: Pass, scope: { campaignId?: string; sessionId?: string }, now: number) {
  const refusal = deskRefusal(pass, scope, now);
  if (refusal) {
    throw new ApiError(409, refusal, { params: { title: pass.title, day: chinaDay(pass.startsAt) } });
  }
}

/** The donation a desk may record for this pass, or a 400 saying why not. */
export function donationFor(
  pass: Pass,
  kind: 'whole_blood' | 'platelets',
  volumeMl: number | undefined,
  now: number,
  /** The field that chose the kind: `kind` of a donation, or a check-in's `donated`. */
  kindField = 'kind',
) {
  const campaign = { kind: pass.kind, eligibility: pass.eligibility as EligibilityRules | null };
  const invalid = (path: string, message: 'donation_not_blood_drive' | 'platelets_not_offered' | 'field_invalid') =>
    new ApiError(400, 'validation_failed', { issues: [{ path, message }] });
  if (pass.kind !== 'blood_drive') throw invalid(kindField, 'donation_not_blood_drive');
  if (kind === 'platelets' && !offersPlatelets(campaign)) throw invalid(kindField, 'platelets_not_offered');
  // A platelet collection is counted in units by the machine, not in mL of whole blood.
  if (kind === 'platelets' && volumeMl !== undefined) throw invalid('volumeMl', 'field_invalid');
  return { kind, volumeMl: volumeMl ?? null, day: chinaDay(now) };
}

/** A registration as the desk lists it (found, or expected now): never the whole phone number. */
const deskItemView = (row: DeskRow) => ({
  registrationId: row.registrationId,
  code: row.code,
  name: row.name,
  phone: maskPhone(row.phone),
  status: row.status,
  role: row.role,
  session: { id: row.sessionId, startsAt: toChinaIso(row.startsAt), venue: row.venue },
  window: windowView(row, row.windowIndex),
});

async function search(db: Database, staff: SignedInStaff, input: v.InferOutput<typeof searchInput>) {
  if (!(await campaignSummary(db, input.campaignId, staffScope(staff)))) throw notFound();
  return { items: (await searchToday(db, input)).map(deskItemView) };
}

export const checkInRoutes = new Hono<AppEnv>()
  .post('/', ...json(checkInBody), async (c) => {
    const { code, donated, volumeMl, ...scope } = c.req.valid('json');
    const db = c.var.db;
    const now = Date.now();
    // A queue at the bus door: the desk's login and the pass are read in one round trip, and
    // nothing of the pass is used before the login is found to be staff's.
    const loginHash = await staffLoginHash(c);
    if (!loginHash) throw new ApiError(401, 'unauthenticated');
    const [members, passes] = await db.batch([staffByLogin(db, loginHash, now), passByCode(db, code)]);
    const staff = admitStaff(members[0], ['admin', 'organizer', 'checkin']);
    const pass = passes[0];
    // Another organization's code is as unknown to this desk as a code that does not exist.
    if (!pass || !canReach(staff, pass.organizationId)) throw notFound();
    refuseOutOfScope(pass, scope, now);
    if (pass.status !== 'confirmed' && pass.status !== 'no_show') throw statusRefusal[pass.status]();
    const donation = donated ? donationFor(pass, donated, volumeMl, now, 'donated') : null;

    const audit = byStaff(
      staff,
      pass.organizationId,
      'registration.check_in',
      { type: 'registration', id: pass.id },
      { donated: donated ?? null, ...(donation?.volumeMl && { volumeMl: donation.volumeMl }) },
    );
    if (!(await checkIn(db, pass, donation, audit, now))) {
      const again = await findByCode(db, code);
      // A no-show whose seat went to someone else meanwhile; a donor who already gave today;
      // otherwise two scans at once, and the other won.
      if (again?.status === 'no_show') throw new ApiError(409, 'slot_full');
      if (again?.status === 'confirmed' && donation) throw new ApiError(409, 'already_donated');
      throw statusRefusal[again?.status === 'cancelled' ? 'cancelled' : 'checked_in']();
    }
    return c.json(
      {
        registration: {
          id: pass.id,
          code: pass.code,
          status: 'checked_in' as const,
          checkedInAt: toChinaIso(now),
          name: pass.name,
          slot: { role: pass.role },
          session: { id: pass.sessionId, startsAt: toChinaIso(pass.startsAt), venue: pass.venue },
          window: windowView(pass, pass.windowIndex),
          campaign: { id: pass.campaignId, title: pass.title, kind: pass.kind },
          ...(donation && { donation }),
        },
      },
      200,
    );
  })
  // Today's registrations by name or the last 4 phone digits. The desk sends it as POST, so that what
  // was typed stays out of URLs and the platform's request logs; GET is the contract's form.
  .get('/search', requireStaff('admin', 'organizer', 'checkin'), query(searchInput), async (c) =>
    c.json(await search(c.var.db, c.var.staff, c.req.valid('query')), 200),
  )
  .post('/search', requireStaff('admin', 'organizer', 'checkin'), ...json(searchInput), async (c) =>
    c.json(await search(c.var.db, c.var.staff, c.req.valid('json')), 200),
  )
  // Who the desk expects now, in sessions with appointment windows: the window under way.
  .get('/expected', requireStaff('admin', 'organizer', 'checkin'), query(v.object(deskScope)), async (c) => {
    const scope = c.req.valid('query');
    const db = c.var.db;
    if (!(await campaignSummary(db, scope.campaignId, staffScope(c.var.staff)))) throw notFound();
    return c.json({ items: (await expectedNow(db, scope)).map(deskItemView) }, 200);
  });
