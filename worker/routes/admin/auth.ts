// Staff sign in with email and password.
import { sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { auditStatement, byStaff } from '../../db/audit.ts';
import { runBatch, sqlStatement } from '../../db/prepared.ts';
import { eventCounter, peek } from '../../db/rate-limits.ts';
import { findStaffOrganization } from '../../db/organizations.ts';
import { findStaffByEmail, setStaffPassword, staffView } from '../../db/staff.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, signIn, signOut, staffLoginHash } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { hashKey } from '../../lib/keyed-hash.ts';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../lib/password.ts';
import { enforceLimit, perAddress, tooMany } from '../../lib/rate-limit.ts';
import { json } from '../../lib/validation.ts';
import { email, newPassword } from '../schemas.ts';

// Wrong passwords are counted per account and address, and all attempts per address: a
// stranger's guesses slow the stranger down, never the member signing in from their own
// address. There is no account-wide lock, so knowing a staff email is not enough to lock it.
const failuresPerAccountAndAddress = <E extends AppEnv>(c: Context<E>, address: string) =>
  perAddress(c, `login-fail:${address}`, 5, 900);
const attemptsPerAddress = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'login-ip', 30, 900);
/** Guesses at the current password from a signed-in browser (a borrowed one). */
const passwordChecksPerAccount = (staffId: string) => ({ key: `password-check:${staffId}`, max: 10, windowSec: 900 });

export const adminAuthRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    ...json(v.object({ email, password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)) })),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const db = c.var.db;
      await enforceLimit(c, attemptsPerAddress(c));
      const failures = failuresPerAccountAndAddress(c, email);
      const held = await peek(db, hashKey(c.env), failures);
      if (!held.allowed) throw tooMany(held.retryAfterSec);

      // Known and unknown emails take the same steps: a full hash (a decoy's for an unknown
      // email) and one batch for the failure, so neither the answer nor its time tells them apart.
      const member = await findStaffByEmail(db, email);
      const valid = await verifyPassword(password, member?.passwordHash ?? DECOY_PASSWORD_HASH);
      // A deactivated account gets the wrong password's answer: nothing tells it apart.
      if (!member || !valid || !member.active) {
        const counter = await eventCounter(db, hashKey(c.env), failures);
        // A failure against a real account is worth an admin's eye; unknown addresses are noise.
        const audit = auditStatement(
          {
            staffId: member?.id ?? null,
            organizationId: member?.organizationId ?? null,
            action: 'staff.sign_in_failed',
          },
          Date.now(),
          member ? sql`1` : sql`0`,
        );
        await runBatch(db, [counter.query, sqlStatement(db, audit)]);
        throw new ApiError(401, 'invalid_credentials');
      }
      await signIn(
        c,
        'staff',
        { staffId: member.id },
        { staffId: member.id, organizationId: member.organizationId, action: 'staff.sign_in' },
      );
      return c.json({ staff: staffView(member) }, 200);
    },
  )
  // Who is signed in, and their organization (its kind decides which pages apply; its reminder
  // hour is shown and changed on the notifications page): the organizer pages ask on load.
  .get('/me', requireStaff(), async (c) => {
    const member = c.var.staff;
    const organization = await findStaffOrganization(c.var.db, member.organizationId);
    return c.json({ staff: staffView(member), organization }, 200);
  })
  // One's own password, with the current one; one's other sign-ins end (a lost phone, a shared PC).
  .post(
    '/password',
    requireStaff(),
    ...json(v.object({ currentPassword: v.pipe(v.string(), v.minLength(1), v.maxLength(256)), newPassword })),
    async (c) => {
      const me = c.var.staff;
      const { currentPassword, newPassword: password } = c.req.valid('json');
      const db = c.var.db;
      await enforceLimit(c, passwordChecksPerAccount(me.id));
      const member = await findStaffByEmail(db, me.email);
      if (!member || !(await verifyPassword(currentPassword, member.passwordHash))) {
        throw new ApiError(400, 'validation_failed', {
          issues: [{ path: 'currentPassword', message: 'password_wrong' }],
        });
      }
      await setStaffPassword(
        db,
        me.id,
        await hashPassword(password),
        byStaff(me, me.organizationId, 'staff.password_change', { type: 'staff', id: me.id }),
        (await staffLoginHash(c)) ?? null,
      );
      return c.body(null, 204);
    },
  )
  .post('/logout', async (c) => {
    await signOut(c, 'staff');
    return c.body(null, 204);
  });
