// Shared test helpers: requests through the real Worker, sign-ins, and fixtures written to D1.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { hc, type InferRequestType } from 'hono/client';
import type { AppType } from '../../worker/api.ts';
import { app } from '../../worker/app.ts';
import type { Bindings } from '../../worker/env.ts';
import { decryptText, encryptionKeys } from '../../worker/lib/crypto.ts';
import { hashPassword } from '../../worker/lib/password.ts';

export const BASE = 'http://lifeline.test';

let addressCounter = 0;
/** A fresh client address per call site, so per-address limits of one test don't leak into another. */
export const newAddress = () => `198.51.100.${(addressCounter++ % 250) + 1}`;

export interface CallOptions {
  method?: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  address?: string;
  /** Bindings in place of the real ones, e.g. the fault tests' failing D1. */
  bindings?: Partial<Bindings>;
}

/**
 * Sends a request through the Worker's fetch handler, JSON body if given. New tests use the typed
 * `testClient`; `call` is for what it cannot send: bodies or queries of the wrong type or not JSON, odd content
 * types, paths outside the typed routes.
 */
export function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {
    'cf-connecting-ip': options.address ?? '203.0.113.1',
    ...options.headers,
  };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const request = new Request(`${path.startsWith('http') ? '' : BASE}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  return fetchWorker(request, options.bindings ? { ...env, ...options.bindings } : env);
}

/**
 * The Worker's answer to a request, once the work it left for after the answer (notifications
 * handed to the queue) has ended too: nothing of a test outlives it, to fail in a later file.
 * app.fetch rather than exports.default.fetch: through the loopback export, concurrent requests
 * run one after another, which would hide the races the tests are there to run.
 */
export async function fetchWorker(request: Request, bindings: typeof env = env) {
  const context = createExecutionContext();
  const response = await app.fetch(request, bindings, context);
  await waitOnExecutionContext(context);
  return response;
}

/**
 * The API as the web app sees it, typed by its routes (`hc<AppType>`, as web/src/foundation/api.ts),
 * sent through the Worker like `call`: a renamed field or route breaks the test's build. At another
 * `origin`, in that host's city (test/worker/cities.test.ts).
 */
export function testClient(
  options: Pick<CallOptions, 'cookie' | 'address' | 'headers' | 'bindings'> & { origin?: string } = {},
) {
  const bindings = options.bindings ? { ...env, ...options.bindings } : env;
  return hc<AppType>(`${options.origin ?? BASE}/api`, {
    headers: {
      'cf-connecting-ip': options.address ?? '203.0.113.1',
      ...(options.cookie && { cookie: options.cookie }),
      ...options.headers,
    },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchWorker(new Request(input, init), bindings),
  });
}

type SignUpRoute = ReturnType<typeof testClient>['slots'][':slotId']['registrations'];
/** A sign-up's body, as the route takes it. */
export type SignUpBody = InferRequestType<SignUpRoute['$post']>['json'];

/** Signs the holder of `cookie` up for the slot (POST /api/slots/:slotId/registrations). */
export const signUp = (
  cookie: string,
  slotId: string,
  json: SignUpBody,
  options: Pick<CallOptions, 'address' | 'headers'> = {},
) => testClient({ cookie, ...options }).slots[':slotId'].registrations.$post({ param: { slotId }, json });

/** The `name=value` part of each Set-Cookie, ready for a Cookie header. */
export function cookieFrom(response: Pick<Response, 'headers'>): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

let phoneCounter = 0;
/** A unique mainland mobile number per call. */
export const newPhone = () =>
  `139${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneCounter++).padStart(4, '0')}`;

/** Back to the first address and phone number, as each test file starts (test/worker/apply-migrations.ts). */
export function restartCounters() {
  addressCounter = 0;
  phoneCounter = 0;
}

/**
 * Signs a citizen in through the real OTP flow; returns the login cookie and person. At another
 * host, in that host's city (test/worker/cities.test.ts).
 */
export async function signInCitizen(phone = newPhone(), host = BASE) {
  const { auth } = testClient({ origin: host, address: newAddress() });
  const sent = await auth.otp.$post({ json: { phone } });
  if (sent.status !== 202) throw new Error(`otp: ${sent.status} ${await sent.text()}`);
  const { devCode } = await sent.json();
  if (!devCode) throw new Error('otp: no devCode (EXPOSE_DEV_OTP is not "true")');
  const verified = await auth.verify.$post({ json: { phone, code: devCode } });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${await verified.text()}`);
  const { person } = await verified.json();
  return { cookie: cookieFrom(verified), personId: person.id, phone };
}

/** An organization in the default city's database, or in `db` (another city's: test/worker/cities.test.ts). */
export async function createOrganization(name = `机构 ${crypto.randomUUID().slice(0, 8)}`, db = env.DB) {
  const id = crypto.randomUUID();
  await db.prepare('INSERT INTO organizations (id, name, kind) VALUES (?, ?, ?)').bind(id, name, 'hospital').run();
  return id;
}

export async function createStaffMember(
  role: 'admin' | 'organizer' | 'checkin',
  organizationId: string | null = null,
  db = env.DB,
) {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.org`;
  const password = 'correct horse battery';
  const id = crypto.randomUUID();
  await db
    .prepare('INSERT INTO staff (id, email, password_hash, role, organization_id) VALUES (?, ?, ?, ?, ?)')
    .bind(id, email, await hashPassword(password), role, organizationId)
    .run();
  return { id, email, password };
}

/** A staff member's login at `origin` (another host: in that city), from an address of its own. */
export const staffLogin = (member: { email: string; password: string }, origin = BASE) =>
  testClient({ origin, address: newAddress() }).admin.auth.login.$post({
    json: { email: member.email, password: member.password },
  });

/** An organizer of a new blood centre, signed in: the emergency donor list is theirs to use. */
export async function bloodCentreOrganizer() {
  const id = crypto.randomUUID();
  await env.DB.prepare(`INSERT INTO organizations (id, name, kind) VALUES (?, ?, 'blood_centre')`)
    .bind(id, `血站 ${id.slice(0, 8)}`)
    .run();
  const response = await staffLogin(await createStaffMember('organizer', id));
  return { organizationId: id, cookie: cookieFrom(response) };
}

/** Creates a staff member and signs in; returns the cookie. */
export async function signInStaff(role: 'admin' | 'organizer' | 'checkin', organizationId: string | null = null) {
  const member = await createStaffMember(role, organizationId);
  const response = await staffLogin(member);
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  const { staff } = await response.json();
  return { cookie: cookieFrom(response), staffId: staff.id, ...member };
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    /** Why a person may not sign up (422 `ineligible`). */
    reasons?: { code: string; message: string }[];
  };
}

/** A response of `call` or of `testClient` (whose `json()` is typed by the route's answer). */
export interface AnyResponse {
  status: number;
  clone(): { text(): Promise<string> };
  json(): Promise<unknown>;
}

export const errorOf = async (response: Pick<AnyResponse, 'json'>) => ((await response.json()) as ErrorBody).error;

/** A booking code as the API hands it out: 8 characters without 0/O or 1/I. */
export const BOOKING_CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

/** The `registration` of a 201 sign-up answer. */
export interface Registration {
  id: string;
  code: string;
  status: 'confirmed' | 'waitlisted';
  position?: number;
  slotId: string;
}

/** A person's row as the tests compare it, with `birth_date` read back from its ciphertext (issue 13). */
export async function storedPerson(personId: string, columns: string[]) {
  const row = await env.DB.prepare(
    `SELECT ${[...columns.filter((column) => column !== 'birth_date'), 'birth_date_encrypted'].join(', ')} FROM people WHERE id = ?`,
  )
    .bind(personId)
    .first<Record<string, unknown>>();
  if (!row) return null;
  const { birth_date_encrypted, ...rest } = row;
  const birthDate =
    typeof birth_date_encrypted === 'string' ? await decryptText(encryptionKeys(env), birth_date_encrypted) : null;
  return columns.includes('birth_date') ? { ...rest, birth_date: birthDate } : rest;
}
