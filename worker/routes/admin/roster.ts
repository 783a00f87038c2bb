// A campaign's roster for its organizers: the live list with filters, and the Excel-ready exports.
// Check-in volunteers see neither (403): the roster holds everyone's contact details.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { byStaff, recordAudit } from '../../db/audit.ts';
import { campaignSummary } from '../../db/campaigns.ts';
import { rosterPage, rosterRows, rosterSize, rosterSlots, type RosterFilter, type RosterRow } from '../../db/roster.ts';
import { registrations } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, type StaffEnv } from '../../lib/auth.ts';
import { decryptText, encryptionKeys, type KeyRing } from '../../lib/crypto.ts';
import { csvPieces } from '../../lib/csv.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, invalidCursor, pageFields } from '../../lib/pagination.ts';
import { staffScope } from '../../lib/scope.ts';
import { byteStream, inChunks } from '../../lib/streams.ts';
import { param, query } from '../../lib/validation.ts';
import { xlsxBytes } from '../../lib/xlsx.ts';
import { exportHeader, exportRow, rosterItem } from './roster-views.ts';
import { idParam, recordId } from '../schemas.ts';

const filters = {
  status: v.optional(v.picklist(registrations.status.enumValues)),
  sessionId: v.optional(recordId),
};

const pageQuery = v.object({
  ...filters,
  ...pageFields,
});

const cursorShape = v.object({
  slotId: recordId,
  arrival: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** The campaign when the staff member's organization runs it; 404 otherwise. */
async function reachableCampaign<E extends StaffEnv>(c: Context<E>, id: string) {
  const campaign = await campaignSummary(c.var.db, id, staffScope(c.var.staff));
  if (!campaign) throw notFound();
  return campaign;
}

type Format = 'csv' | 'xlsx';

const mediaTypes: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The roster as a streamed file, written to the audit log (with its row count) before a byte leaves. */
async function exportRoster<E extends StaffEnv>(c: Context<E>, id: string, filter: RosterFilter, format: Format) {
  const db = c.var.db;
  const campaign = await reachableCampaign(c, id);
  const roster = await rosterSlots(db, campaign.id, filter.sessionId);
  const rows = await rosterSize(db, campaign.id, filter);
  await recordAudit(
    db,
    byStaff(
      c.var.staff,
      campaign.organizationId,
      'registrations.export',
      { type: 'campaign', id: campaign.id },
      {
        format,
        rows,
        status: filter.status ?? null,
        sessionId: filter.sessionId ?? null,
      },
    ),
  );

  const language = c.var.language;
  const header = exportHeader(language, campaign.kind, campaign.questions);
  const keys = encryptionKeys(c.env);
  async function* cells() {
    for await (const row of rosterRows(db, roster, filter.status)) {
      yield exportRow(row, await fullIdNumber(keys, row), language, campaign.kind, campaign.questions);
    }
  }
  const body = format === 'csv' ? inChunks(csvPieces(header, cells())) : xlsxBytes(campaign.title, header, cells());
  const name = `${campaign.title}-${language === 'en' ? 'roster' : '名单'}.${format}`;
  return new Response(byteStream(body), {
    headers: {
      'content-type': mediaTypes[format],
      'content-disposition': `attachment; filename="roster.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}

/**
 * The ID number in full for the export. One that cannot be read (its key version was removed too
 * soon, see docs/deploying.md, "Rotating it") leaves its cell empty rather than end the file.
 */
async function fullIdNumber(keys: KeyRing, row: RosterRow) {
  if (!row.idNumberEncrypted) return '';
  try {
    return await decryptText(keys, row.idNumberEncrypted);
  } catch {
    return '';
  }
}

export const adminRosterRoutes = new Hono<AppEnv>()
  .get('/:id/registrations', requireStaff('admin', 'organizer'), param(idParam), query(pageQuery), async (c) => {
    const { status, sessionId, cursor, limit } = c.req.valid('query');
    const db = c.var.db;
    const campaign = await reachableCampaign(c, c.req.valid('param').id);
    const after = decodeCursor(cursorShape, cursor);
    const page = await rosterPage(db, await rosterSlots(db, campaign.id, sessionId), status, after, limit);
    if (!page) throw invalidCursor();
    return c.json(
      {
        items: page.rows.map((row) => rosterItem(row, campaign.kind)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      },
      200,
    );
  })
  .get('/:id/registrations.csv', requireStaff('admin', 'organizer'), param(idParam), query(v.object(filters)), (c) =>
    exportRoster(c, c.req.valid('param').id, c.req.valid('query'), 'csv'),
  )
  .get('/:id/registrations.xlsx', requireStaff('admin', 'organizer'), param(idParam), query(v.object(filters)), (c) =>
    exportRoster(c, c.req.valid('param').id, c.req.valid('query'), 'xlsx'),
  );
