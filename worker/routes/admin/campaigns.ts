// Organizers create and edit campaigns and their sessions. Another organization's campaign
// answers 404, as if it did not exist.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  campaignKinds,
  createCampaign,
  createSession,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../db/campaigns.ts';
import { byStaff } from '../../db/audit.ts';
import { campaigns } from '../../db/schema.ts';
import { organizationExists } from '../../db/organizations.ts';
import { genders } from '../../domain/profile.ts';
import { questionTypes } from '../../domain/questions.ts';
import { MAX_WINDOWS, WINDOW_MINUTES, windowCount } from '../../domain/windows.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { derivedId, idempotencyKey } from '../../lib/idempotency.ts';
import { staffScope } from '../../lib/scope.ts';
import { json, param, query } from '../../lib/validation.ts';
import { campaignView } from '../views.ts';
import { calendarDay, idParam, instant, recordId } from '../schemas.ts';

const age = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120));

const eligibility = v.pipe(
  v.object({
    minAge: v.optional(age),
    maxAge: v.optional(age),
    gender: v.optional(v.picklist(genders)),
    donorRules: v.optional(v.boolean()),
    platelets: v.optional(v.boolean()),
  }),
  v.check(
    (rules) => rules.minAge === undefined || rules.maxAge === undefined || rules.minAge <= rules.maxAge,
    'age_range_invalid',
  ),
);

const question = v.pipe(
  v.object({
    key: v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'question_key_invalid')),
    label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
    type: v.picklist(questionTypes),
    required: v.optional(v.boolean(), false),
    options: v.optional(
      v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))), v.minLength(2), v.maxLength(20)),
    ),
  }),
  v.check((q) => (q.type === 'choice') === (q.options !== undefined), 'question_options'),
);

const questions = v.pipe(
  v.array(question),
  v.maxLength(30),
  v.check((list) => new Set(list.map((q) => q.key)).size === list.length, 'question_keys_unique'),
);

const editable = {
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  summary: v.pipe(v.string(), v.trim(), v.maxLength(300)),
  description: v.pipe(v.string(), v.trim(), v.maxLength(5000)),
  startsOn: calendarDay,
  endsOn: calendarDay,
  eligibility: v.nullable(eligibility),
  questions,
  status: v.picklist(campaigns.status.enumValues),
  /** Confirmed registrations nobody checked in become no-shows two hours after the session ends (nightly). */
  autoNoShow: v.boolean(),
};

const datesInOrder = (c: { startsOn?: string; endsOn?: string }) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;

const newCampaign = v.pipe(
  v.object({
    kind: v.picklist(campaignKinds),
    organizationId: v.optional(recordId),
    ...editable,
    summary: v.optional(editable.summary, ''),
    eligibility: v.optional(editable.eligibility, null),
    questions: v.optional(questions, []),
    status: v.optional(editable.status, 'draft'),
    autoNoShow: v.optional(editable.autoNoShow, false),
  }),
  v.forward(
    v.check((input) => datesInOrder(input), 'dates_out_of_order'),
    ['endsOn'],
  ),
);

const campaignChanges = v.pipe(
  v.partial(v.object(editable)),
  v.forward(
    v.check((input) => datesInOrder(input), 'dates_out_of_order'),
    ['endsOn'],
  ),
);

const newSession = v.pipe(
  v.object({
    startsAt: instant,
    endsAt: instant,
    venue: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
    address: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    windowMinutes: v.optional(
      v.pipe(
        v.number(),
        v.integer('window_minutes_invalid'),
        v.minValue(WINDOW_MINUTES.min, 'window_minutes_invalid'),
        v.maxValue(WINDOW_MINUTES.max, 'window_minutes_invalid'),
      ),
    ),
    slots: v.pipe(
      v.array(
        v.object({
          role: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)),
          capacity: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
          waitlist: v.optional(v.boolean(), false),
        }),
      ),
      v.minLength(1),
      v.maxLength(20),
      v.check((list) => new Set(list.map((slot) => slot.role)).size === list.length, 'slot_roles_unique'),
    ),
  }),
  v.forward(
    v.check((s) => s.endsAt > s.startsAt, 'session_ends_before_start'),
    ['endsAt'],
  ),
  v.forward(
    v.check((s) => windowCount({ ...s, windowMinutes: s.windowMinutes ?? null }) <= MAX_WINDOWS, 'too_many_windows'),
    ['windowMinutes'],
  ),
);

export const adminCampaignRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireStaff(),
    query(
      v.object({
        status: v.optional(v.picklist(campaigns.status.enumValues)),
        kind: v.optional(v.picklist(campaignKinds)),
      }),
    ),
    async (c) => {
      const items = await listCampaigns(c.var.db, staffScope(c.var.staff), c.req.valid('query'));
      return c.json({ items }, 200);
    },
  )
  .get('/:id', requireStaff(), param(idParam), async (c) => {
    const campaign = await getCampaign(c.var.db, c.req.valid('param').id, staffScope(c.var.staff));
    if (!campaign) throw notFound();
    return c.json({ campaign: campaignView(campaign) }, 200);
  })
  .post('/', requireStaff('admin', 'organizer'), ...json(newCampaign), async (c) => {
    const { organizationId: requested, ...input } = c.req.valid('json');
    const me = c.var.staff;
    const db = c.var.db;
    let organizationId = requested;
    if (me.role === 'organizer') {
      if (requested && requested !== me.organizationId) throw new ApiError(403, 'forbidden');
      organizationId = me.organizationId!;
    } else if (!organizationId) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'organizationId', message: 'organization_required' }],
      });
    } else if (!(await organizationExists(db, organizationId))) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'organizationId', message: 'organization_unknown' }],
      });
    }
    // With an Idempotency-Key, the campaign's id follows from it: sent again, the request creates nothing more.
    const key = idempotencyKey(c);
    const newId = key ? await derivedId(me.id, 'POST /api/admin/campaigns', key) : undefined;
    const id = await createCampaign(
      db,
      { ...input, organizationId },
      byStaff(me, organizationId, 'campaign.create'),
      newId,
    );
    const campaign = await getCampaign(db, id, staffScope(me));
    return c.json({ campaign: campaignView(campaign!) }, 201);
  })
  .patch('/:id', requireStaff('admin', 'organizer'), param(idParam), ...json(campaignChanges), async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const db = c.var.db;
    const scope = staffScope(c.var.staff);
    const current = await getCampaign(db, id, scope);
    if (!current) throw notFound();
    if (!datesInOrder({ startsOn: changes.startsOn ?? current.startsOn, endsOn: changes.endsOn ?? current.endsOn })) {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'endsOn', message: 'dates_out_of_order' }] });
    }
    // The names of the fields changed, not their values: enough to know what to look at.
    const audit = byStaff(
      c.var.staff,
      current.organization.id,
      'campaign.update',
      { type: 'campaign', id },
      { fields: Object.keys(changes).join(',') },
    );
    if (!(await updateCampaign(db, id, scope, changes, audit))) {
      // It exists in scope (read above), so another edit moved a date in between.
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'endsOn', message: 'dates_out_of_order' }] });
    }
    return c.json({ campaign: campaignView((await getCampaign(db, id, scope))!) }, 200);
  })
  .post('/:id/sessions', requireStaff('admin', 'organizer'), param(idParam), ...json(newSession), async (c) => {
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const scope = staffScope(c.var.staff);
    const current = await getCampaign(db, id, scope);
    if (!current) throw notFound();
    const key = idempotencyKey(c);
    const newId = key ? await derivedId(c.var.staff.id, `POST /api/admin/campaigns/${id}/sessions`, key) : undefined;
    const audit = byStaff(c.var.staff, current.organization.id, 'session.create', { type: 'campaign', id });
    const { sessionId } = await createSession(db, id, c.req.valid('json'), audit, newId);
    const campaign = await getCampaign(db, id, scope);
    const session = campaignView(campaign!).sessions.find((candidate) => candidate.id === sessionId)!;
    return c.json({ session }, 201);
  });
