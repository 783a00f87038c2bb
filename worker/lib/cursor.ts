// Opaque page cursors: the last row's sort key, as base64url JSON. A cursor that does not
// decode to the expected shape is a bad request, never a crash.
import * as v from 'valibot';
import { ApiError } from './errors.ts';
import { fromBase64Url, toBase64Url } from './tokens.ts';

export function encodeCursor(position: unknown): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(position)));
}

export function decodeCursor<T>(schema: v.GenericSchema<unknown, T>, cursor: string): T {
  try {
    return v.parse(
      schema,
      JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor))),
    );
  } catch {
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'cursor', message: 'cursor_invalid' }] });
  }
}
