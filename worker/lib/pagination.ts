// Lists read a page at a time (the audit log, a roster, notifications, emergency donors): the same query
// fields, opaque cursors (the last row's sort key, as base64url JSON) and one way of telling
// whether another page follows. A cursor that does not decode to the expected shape is a bad
// request, never a crash.
import * as v from 'valibot';
import { ApiError } from './errors.ts';
import { fromBase64Url, toBase64Url } from './tokens.ts';

/** A paged list's query fields: the `cursor` of the page before, and `limit` rows (1–200, 50 by default). */
export const pageFields = {
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)),
    '50',
  ),
};

/** A cursor this list did not make (or one of another list or campaign). */
export const invalidCursor = () =>
  new ApiError(400, 'validation_failed', { issues: [{ path: 'cursor', message: 'cursor_invalid' }] });

export function encodeCursor(position: unknown): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(position)));
}

/** The position a cursor holds, by the list's own `schema`; undefined without a cursor (the first page). */
export function decodeCursor<T>(schema: v.GenericSchema<unknown, T>, cursor: string | undefined): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return v.parse(
      schema,
      JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor))),
    );
  } catch {
    throw invalidCursor();
  }
}

/**
 * The page out of the `limit + 1` rows read (the row beyond the page says another page follows),
 * with the next page's cursor made of its last row's position.
 */
export function pageOf<Row>(rows: Row[], limit: number, positionOf: (last: Row) => unknown) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}
