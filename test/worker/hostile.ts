// Generators of hostile input for the fuzz suite: strings, JSON values, whole bodies (also as raw
// bytes that are not JSON or not UTF-8), query strings, path parameters and headers.
import fc from 'fast-check';
import { toBase64Url } from '../../worker/lib/tokens.ts';

/** Strings that have broken web apps before: SQL, script, CSV formulas, encodings, lookalikes. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  "' OR '1'='1",
  "'; DROP TABLE registrations; --",
  '" OR 1=1 --',
  "%' UNION SELECT phone FROM people --",
  '?1',
  ':name',
  '$1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  "=cmd|' /C calc'!A0",
  '+1',
  '-2',
  '@SUM(1)',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  'abc\u0000def',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\uFEFF',
  '\u202Eevil',
  '\u200B',
  '👨‍👩‍👧',
  '张三',
  '../../etc/passwd',
  '%2e%2e%2f',
  '%00',
  '%ZZ',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '13800138000',
  '+86 138 0013 8000',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '2026-11-23T25:00:00Z',
  'A'.repeat(65),
  'x'.repeat(10_000),
  '张'.repeat(3_000),
];

/** Keys a careless merge turns into prototype pollution, and ones that look like fields. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  '',
  '0',
  'a.b',
  '$where',
  '\u0000',
  '\uD800',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(loneSurrogate, fc.string({ maxLength: 3 })), { maxLength: 8 })
      .map((parts) => parts.join('')),
  },
);

/** Numbers JSON can carry that no field expects. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, 1e21, 99999999999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A JSON value as text, kept apart so that it can hold what JSON.stringify cannot write. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON object as its list of entries: keys may repeat, and `__proto__` is an ordinary key. */
export class JsonObject {
  constructor(readonly entries: [string, JsonValue][]) {}
}

export type JsonValue = null | boolean | number | string | RawJson | JsonObject | JsonValue[];

/** Number tokens that JSON.parse reads as Infinity or -0, which JSON.stringify never writes. */
const rawNumber = fc
  .constantFrom('1e999', '-1e999', '-0', '1E400', '0.0000000000000000000000001', '123456789012345678901234567890')
  .map((text) => new RawJson(text));

export const hostileJson: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 1, arbitrary: rawNumber },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('value')), {
          maxLength: 4,
        })
        .map((entries) => new JsonObject(entries)),
    },
  ),
})).value;

/** Big shapes: long flat arrays and deep nesting, still under the body limit. */
export const hugeJson: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 100, max: 2_000 }).map((depth) => new RawJson('['.repeat(depth) + ']'.repeat(depth))),
  fc.integer({ min: 50, max: 500 }).map((depth) => new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  fc
    .integer({ min: 200, max: 1_000 })
    .map((n) => new JsonObject(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'] as [string, JsonValue]))),
);

/** Plain JS data (example bodies) as a JsonValue tree. */
export function fromPlain(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value !== null && typeof value === 'object')
    return new JsonObject(Object.entries(value).map(([key, item]) => [key, fromPlain(item)]));
  return value as JsonValue;
}

/** JSON text; strings keep lone surrogates as `\ud800` escapes, as a client would send them. */
export function toJsonText(value: JsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject)
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

/** One change to a valid body: a field replaced, removed, added, repeated, or the body wrapped. */
export interface Mutation {
  at: number;
  kind: 'replace' | 'remove' | 'add' | 'duplicate' | 'wrap';
  key: string;
  value: JsonValue;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'add', 'duplicate', 'wrap'),
  key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })),
  value: hostileJson,
});

/** Every container and value position in a tree, parents first, as a path of steps. */
function positions(value: JsonValue, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (value instanceof JsonObject)
    return here.concat(...value.entries.map(([key, item]) => positions(item, [...path, key])));
  if (Array.isArray(value)) return here.concat(...value.map((item, index) => positions(item, [...path, index])));
  return here;
}

function mapAt(
  value: JsonValue,
  path: (string | number)[],
  change: (found: JsonValue) => JsonValue | undefined,
): JsonValue | undefined {
  if (path.length === 0) return change(value);
  const [step, ...rest] = path;
  if (value instanceof JsonObject) {
    return new JsonObject(
      value.entries.flatMap(([key, item]): [string, JsonValue][] => {
        if (key !== step) return [[key, item]];
        const next = mapAt(item, rest, change);
        return next === undefined ? [] : [[key, next]];
      }),
    );
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (index !== step) return [item];
      const next = mapAt(item, rest, change);
      return next === undefined ? [] : [next];
    });
  }
  return value;
}

/** Applies a mutation at one of the tree's positions (chosen by `at`). */
export function mutate(value: JsonValue, m: Mutation): JsonValue {
  const all = positions(value);
  const path = all[m.at % all.length]!;
  const result = mapAt(value, path, (found) => {
    switch (m.kind) {
      case 'replace':
        return m.value;
      case 'remove':
        return path.length === 0 ? m.value : undefined;
      case 'wrap':
        return [found];
      case 'add':
        return found instanceof JsonObject
          ? new JsonObject([...found.entries, [m.key, m.value]])
          : Array.isArray(found)
            ? [...found, m.value]
            : m.value;
      case 'duplicate':
        // A repeated key: JSON.parse keeps the last one, a careless parser the first.
        return found instanceof JsonObject && found.entries.length > 0
          ? new JsonObject([...found.entries, [found.entries[0]![0], m.value]])
          : m.value;
    }
  });
  return result ?? null;
}

/** A request body as the client sends it: text or raw bytes, with the content type it claims. */
export interface HostileBody {
  contentType: string | null;
  bytes: Uint8Array | string;
  label: string;
}

const encoder = new TextEncoder();

/** JSON as UTF-8, without letting the encoder replace lone surrogates (they stay as escapes). */
const utf8 = (text: string) => encoder.encode(text);

export const CONTENT_TYPES = [
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/jsonx',
  'application/xml',
  '',
  '*/*',
];

/** Bytes that are not valid UTF-8, or not JSON at all. */
export const BROKEN_BYTES: [string, Uint8Array][] = [
  ['invalid utf-8', new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['overlong utf-8', new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])],
  ['surrogate as utf-8', new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22])],
  ['utf-16 json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ['bom json', new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])],
  ['nul bytes', new Uint8Array([0x00, 0x00, 0x00, 0x00])],
  ['truncated json', utf8('{"name":"张')],
  ['empty', new Uint8Array()],
  ['not json', utf8('name=张三&phone=13800138000')],
  ['two documents', utf8('{}{}')],
  ['json with comment', utf8('{/* c */}')],
  ['nan literal', utf8('{"capacity":NaN}')],
];

/** Bodies around a valid example: mutated, replaced, broken, or too big for the route. */
export function hostileBody(example: unknown, limitBytes: number): fc.Arbitrary<HostileBody> {
  const valid = fromPlain(example ?? {});
  const asJson = (value: JsonValue, label: string, contentType: string | null = 'application/json'): HostileBody => ({
    contentType,
    bytes: toJsonText(value),
    label,
  });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(asJson(valid, 'valid')) },
    {
      weight: 8,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => asJson(ms.reduce(mutate, valid), 'mutated')),
    },
    { weight: 2, arbitrary: hostileJson.map((value) => asJson(value, 'hostile value')) },
    { weight: 1, arbitrary: hugeJson.map((value) => asJson(value, 'huge value')) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...CONTENT_TYPES)
        .map((contentType) => asJson(valid, `content type ${contentType || '(empty)'}`, contentType)),
    },
    { weight: 1, arbitrary: fc.constant(asJson(valid, 'no content type', null)) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...BROKEN_BYTES)
        .map(([label, bytes]): HostileBody => ({ contentType: 'application/json', bytes, label })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constant(0)
        .map(() =>
          asJson(
            new JsonObject([
              ...(valid instanceof JsonObject ? valid.entries : []),
              ['padding', 'x'.repeat(limitBytes)],
            ]),
            'over the size limit',
          ),
        ),
    },
  );
}

const CSV_HEADER = 'type,stem,option_a,option_b,option_c,option_d,answers,explanation,category';

/** A CSV cell as a careless or hostile spreadsheet writes it: quotes, separators and line breaks inside. */
const csvCell = fc.oneof(
  hostileString,
  fc.constantFrom(
    'single',
    'multiple',
    'truefalse',
    'A',
    'AC',
    'Z',
    '"',
    '""',
    '"a""b"',
    'a,b',
    '"a\nb"',
    '\r',
    '=1+1',
  ),
);

/** CSV files for the question import: a header (or a broken one) and rows of hostile cells. */
export const hostileCsv: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.constantFrom(CSV_HEADER, `\uFEFF${CSV_HEADER}`, CSV_HEADER.toUpperCase(), 'type,stem', '', '"type,stem'),
    fc.array(fc.array(csvCell, { maxLength: 11 }), { maxLength: 6 }),
    fc.constantFrom('\r\n', '\n', '\r'),
  )
  .map(([header, rows, newline]) => ({
    contentType: 'text/csv; charset=utf-8',
    bytes: [header, ...rows.map((cells) => cells.join(','))].join(newline),
    label: 'csv',
  }));

/** Query strings: known keys with hostile values, repeated keys, broken escapes, sheer size. */
export function hostileQuery(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  );
  const value = fc.oneof(
    hostileString,
    fc.constantFrom('1', '0', '50', '101', '-1', '2026-11-23', 'blood_drive', 'published', 'A', '东昌府区'),
    // Page cursors are base64url JSON: hostile JSON in that dress, and base64 that is not.
    hostileJson.map((json) => toBase64Url(encoder.encode(toJsonText(json)))),
    fc.constantFrom('====', 'a', '!!!', '_-_-'),
  );
  const pair = fc.tuple(key, value).map(([k, value]) => `${encodeQuery(k)}=${encodeQuery(value)}`);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 5, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.join('&')}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?day=%E0%A4%A',
        '?limit=%',
        '?%00=%00',
        '?kind',
        '?=&=&',
        '?limit=1&limit=2',
        `?district=${'x'.repeat(8_000)}`,
      ),
    },
  );
}

/** encodeURIComponent throws on lone surrogates: a client sends their replacement character. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function encodeQuery(text: string) {
  return encodeURIComponent(wellFormed(text));
}

/** A hostile path segment, as it appears in the URL (already escaped, or deliberately not). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(encodeQuery) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%E0%A4%A', '%', '%00', '%2F', '..', '.', '%2e%2e', 'a;b', 'a%20b', '-1', '0', '1e999'),
  },
);

/** Header values must be ByteStrings without CR, LF or NUL: the rest is fair game. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

export interface HostileHeaders {
  idempotencyKey?: string;
  acceptLanguage?: string;
  /** Replaces the identity's cookie with a forged or broken one. */
  forgedCookie?: string;
  requestId?: string;
  address?: string;
  crossSite?: boolean;
}

/** One hostile header at a time, so that the others do not stop the request first. */
export const hostileHeaders: fc.Arbitrary<HostileHeaders> = fc.oneof(
  fc.record({
    idempotencyKey: fc.oneof(
      fc.uuid(),
      headerText(40),
      fc.constantFrom('', ' ', 'a b', 'k'.repeat(201), 'k'.repeat(16_000)),
    ),
  }),
  fc.record({
    acceptLanguage: fc.oneof(
      fc.constantFrom('en', 'en-US,en;q=0.9', 'zh-CN', 'fr', '*', ';;;q=x', 'en;q=2'.repeat(500)),
      headerText(30),
    ),
  }),
  fc.record({
    forgedCookie: fc.oneof(
      fc.constantFrom(
        'lifeline_session=',
        'lifeline_session=%E0%A4%A',
        'lifeline_session=../../x',
        'lifeline_staff=forged; lifeline_session=forged',
        `lifeline_session=${'a'.repeat(8_000)}`,
        '__Host-lifeline_session=x',
        '=; ;=',
      ),
      headerText(60).map((text) => `lifeline_session=${text}`),
    ),
  }),
  fc.record({ requestId: fc.oneof(headerText(40), fc.constant('r'.repeat(300))) }),
  fc.record({ address: fc.oneof(fc.ipV4(), fc.ipV6(), headerText(20)) }),
  fc.record({ crossSite: fc.constant(true) }),
);
