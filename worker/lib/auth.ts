// Login cookies and the guards that routes use to require a signed-in citizen or staff member.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AuditEntry } from '../db/audit.ts';
import { createLogin, endLogin, findPersonByLogin, findStaffByLogin, type Subject } from '../db/logins.ts';
import { revealPerson } from '../db/people.ts';
import type { AppEnv, SignedInPerson, SignedInStaff } from '../env.ts';
import { encryptionKeys } from './crypto.ts';
import { ApiError } from './errors.ts';
import { sha256 } from './tokens.ts';

export const PERSON_LOGIN_TTL_SEC = 30 * 24 * 60 * 60;
export const STAFF_LOGIN_TTL_SEC = 12 * 60 * 60;

type Audience = 'person' | 'staff';
// `lifeline_session` predates the word "login"; it stays, since renaming it would sign everyone out.
const cookieName: Record<Audience, string> = { person: 'lifeline_session', staff: 'lifeline_staff' };

// Over https the cookie is `__Host-`: Secure, Path=/, no Domain, so no subdomain can plant one.
const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

function readToken<E extends AppEnv>(c: Context<E>, audience: Audience) {
  return isHttps(c) ? getCookie(c, cookieName[audience], 'host') : getCookie(c, cookieName[audience]);
}

/**
 * Signs in: ends the browser's previous login of this kind (rotation) and starts a new one,
 * with its audit entry in the same batch when there is one.
 */
export async function signIn<E extends AppEnv>(
  c: Context<E>,
  audience: Audience,
  subject: Subject,
  audit?: AuditEntry,
) {
  const db = c.var.db;
  const previous = readToken(c, audience);
  if (previous) await endLogin(db, previous);
  const token = await createLogin(db, subject, loginTtlSec[audience], audit);
  setLoginCookie(c, audience, token);
}

export const loginTtlSec: Record<Audience, number> = { person: PERSON_LOGIN_TTL_SEC, staff: STAFF_LOGIN_TTL_SEC };

// Staff cookies are Strict: a link on another site must not arrive signed in (and start an export).
// Citizens stay Lax, so a campaign link shared in WeChat opens signed in.
const sameSite: Record<Audience, 'Strict' | 'Lax'> = { person: 'Lax', staff: 'Strict' };

/** Hands the browser the token of a login already stored. */
export function setLoginCookie<E extends AppEnv>(c: Context<E>, audience: Audience, token: string) {
  setCookie(c, cookieName[audience], token, {
    httpOnly: true,
    sameSite: sameSite[audience],
    path: '/',
    maxAge: loginTtlSec[audience],
    ...(isHttps(c) ? { secure: true, prefix: 'host' as const } : {}),
  });
}

export async function signOut<E extends AppEnv>(c: Context<E>, audience: Audience) {
  const token = readToken(c, audience);
  if (token) await endLogin(c.var.db, token);
  deleteCookie(c, cookieName[audience], {
    path: '/',
    ...(isHttps(c) ? { secure: true, prefix: 'host' as const } : {}),
  });
}

/** The hash under which the browser's login of this kind is stored, when it holds one. */
async function loginHash<E extends AppEnv>(c: Context<E>, audience: Audience) {
  const token = readToken(c, audience);
  return token ? sha256(token) : undefined;
}

export const personLoginHash = <E extends AppEnv>(c: Context<E>) => loginHash(c, 'person');
export const staffLoginHash = <E extends AppEnv>(c: Context<E>) => loginHash(c, 'staff');

/** The signed-in citizen with their profile, or undefined. */
async function signedInPerson<E extends AppEnv>(c: Context<E>) {
  const token = readToken(c, 'person');
  const row = token ? await findPersonByLogin(c.var.db, token) : undefined;
  return row && (await revealPerson(encryptionKeys(c.env), row));
}

/** What a route behind a guard knows: `c.var.person` (or `c.var.staff`) is there, no `!` needed. */
type With<Name extends 'person' | 'staff', Value> = {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & Record<Name, Value>;
};
export type PersonEnv = With<'person', SignedInPerson>;
export type StaffEnv = With<'staff', SignedInStaff>;

/** Loads the signed-in citizen, or answers 401. */
export const requirePerson = createMiddleware<PersonEnv>(async (c, next) => {
  const person = await signedInPerson(c);
  if (!person) throw new ApiError(401, 'unauthenticated');
  c.set('person', person);
  await next();
});

/** Loads the signed-in citizen when there is one: public pages that also say "you". */
export const loadPerson = createMiddleware<AppEnv>(async (c, next) => {
  const person = await signedInPerson(c);
  if (person) c.set('person', person);
  await next();
});

/**
 * requireStaff's check of a staff member already read (by `staffByLogin`, in a route's own
 * batch): 401 without one, 403 for another role.
 */
export function admitStaff(member: SignedInStaff | undefined, roles: SignedInStaff['role'][]) {
  if (!member) throw new ApiError(401, 'unauthenticated');
  if (roles.length > 0 && !roles.includes(member.role)) throw new ApiError(403, 'forbidden');
  return member;
}

/** Loads the signed-in staff member and checks the role: 401 without a login, 403 for another role. */
export const requireStaff = (...roles: SignedInStaff['role'][]) =>
  createMiddleware<StaffEnv>(async (c, next) => {
    const token = readToken(c, 'staff');
    c.set('staff', admitStaff(token ? await findStaffByLogin(c.var.db, token) : undefined, roles));
    await next();
  });
