// The emergency donor list, for the blood centre when stocks run short: willing donors of a
// blood type (and district) who may give whole blood today. Phones are masked on screen and
// in full only in the export, which is audited. A call-out texts them all at once.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { byStaff, recordAudit } from '../../db/audit.ts';
import {
  emergencyDonorPage,
  reachableDonors,
  sendCallout,
  type DonorFilter,
  type EmergencyDonor,
} from '../../db/emergency-donors.ts';
import { chinaDay } from '../../domain/china-time.ts';
import { mentionsIdNumber } from '../../domain/id-number.ts';
import { maskPhone } from '../../domain/phone.ts';
import { bloodTypes, rhDs } from '../../domain/profile.ts';
import type { AppEnv } from '../../env.ts';
import type { StaffEnv } from '../../lib/auth.ts';
import { csvPieces } from '../../lib/csv.ts';
import { ApiError } from '../../lib/errors.ts';
import type { Language } from '../../lib/messages.ts';
import { decodeCursor, encodeCursor, pageFields } from '../../lib/pagination.ts';
import { enforceLimit } from '../../lib/rate-limit.ts';
import { byteStream, inChunks } from '../../lib/streams.ts';
import { json, query } from '../../lib/validation.ts';
import { recordId } from '../schemas.ts';
import { requireBloodCentre } from './blood-centre.ts';

const filters = {
  bloodType: v.picklist(bloodTypes),
  rhD: v.optional(v.picklist(rhDs)),
  district: v.optional(v.pipe(v.string(), v.maxLength(40))),
};

const newCallout = v.object({
  ...filters,
  message: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(140),
    // An ID number has no place in a text to many people, however it is written.
    v.check((text) => !mentionsIdNumber(text), 'callout_id_number'),
  ),
  /** Count the donors it would reach, send nothing. */
  dryRun: v.optional(v.boolean(), false),
});

/** Call-outs an organization may send a day: enough for a shortage, not for a habit. */
const calloutsPerDay = (organizationId: string | null) => ({
  key: `callout:${organizationId ?? 'platform'}`,
  max: 5,
  windowSec: 86_400,
});

const pageQuery = v.object({
  ...filters,
  ...pageFields,
});

/** Donors' phones are the city's, not one organization's (routes/admin/blood-centre.ts). */
function checkDistrict<E extends StaffEnv>(c: Context<E>, filter: DonorFilter) {
  if (filter.district !== undefined && !c.env.DISTRICTS.includes(filter.district)) {
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'district', message: 'district_unknown' }] });
  }
}

const donorItem = (donor: EmergencyDonor) => ({
  id: donor.id,
  name: donor.name,
  phone: maskPhone(donor.phone),
  bloodType: donor.bloodType,
  rhD: donor.rhD,
  district: donor.district,
  lastDonation: donor.history[0] ? { day: donor.history[0].day, kind: donor.history[0].kind } : null,
});

const exportHeader: Record<Language, string[]> = {
  'zh-CN': ['姓名', '手机号', '血型', 'RhD', '区县', '最近献血日期'],
  en: ['Name', 'Phone', 'Blood type', 'RhD', 'District', 'Last donation'],
};

async function* allDonors<E extends AppEnv>(c: Context<E>, filter: DonorFilter, today: string) {
  let after: string | undefined;
  do {
    const page = await emergencyDonorPage(c.var.db, filter, today, after, 500);
    yield* page.donors;
    after = page.next ?? undefined;
  } while (after);
}

export const emergencyDonorRoutes = new Hono<AppEnv>()
  .get('/emergency-donors', ...requireBloodCentre, query(pageQuery), async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    checkDistrict(c, filter);
    const after = decodeCursor(recordId, cursor);
    const page = await emergencyDonorPage(c.var.db, filter, chinaDay(Date.now()), after, limit);
    return c.json({ items: page.donors.map(donorItem), nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
  })
  .get('/emergency-donors.csv', ...requireBloodCentre, query(v.object(filters)), async (c) => {
    const filter = c.req.valid('query');
    checkDistrict(c, filter);
    const me = c.var.staff;
    const today = chinaDay(Date.now());
    // Counted first so the audit entry, written before a byte leaves, says how many phones left.
    let count = 0;
    for await (const _donor of allDonors(c, filter, today)) count++;
    await recordAudit(
      c.var.db,
      byStaff(me, me.organizationId, 'emergency_donors.export', undefined, {
        bloodType: filter.bloodType,
        rhD: filter.rhD ?? null,
        district: filter.district ?? null,
        rows: count,
      }),
    );
    async function* rows() {
      for await (const donor of allDonors(c, filter, today)) {
        yield [
          donor.name ?? '',
          donor.phone,
          donor.bloodType ?? '',
          donor.rhD ?? '',
          donor.district ?? '',
          donor.history[0]?.day ?? '',
        ];
      }
    }
    const filename = `emergency-donors-${filter.bloodType}${filter.rhD === 'negative' ? '-rh-negative' : ''}.csv`;
    return new Response(byteStream(inChunks(csvPieces(exportHeader[c.var.language], rows()))), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  })
  .post('/callouts', ...requireBloodCentre, ...json(newCallout), async (c) => {
    const { dryRun, message, ...filter } = c.req.valid('json');
    checkDistrict(c, filter);
    const db = c.var.db;
    const donorIds: string[] = [];
    for await (const donor of allDonors(c, filter, chinaDay(Date.now()))) donorIds.push(donor.id);
    if (dryRun) return c.json({ matched: donorIds.length, reachable: await reachableDonors(db, donorIds) }, 200);

    const me = c.var.staff;
    await enforceLimit(c, calloutsPerDay(me.organizationId));
    const detail = {
      bloodType: filter.bloodType,
      rhD: filter.rhD ?? null,
      district: filter.district ?? null,
      matched: donorIds.length,
    };
    const sent = await sendCallout(
      db,
      {
        organizationId: me.organizationId,
        staffId: me.id,
        bloodType: filter.bloodType,
        rhD: filter.rhD ?? null,
        district: filter.district ?? null,
        message,
      },
      donorIds,
      byStaff(me, me.organizationId, 'callout.send', undefined, detail),
    );
    return c.json({ callout: { id: sent.id, matched: donorIds.length, recipients: sent.recipients } }, 201);
  });
