// Staff sign in with email and password.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff, recordAudit } from '../../db/audit.ts';
import { database } from '../../db/client.ts';
import { consume, peek } from '../../db/rate-limits.ts';
import { findStaffOrganization } from '../../db/organizations.ts';
import { findStaffByEmail, setStaffPassword, staffView } from '../../db/staff.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, signIn, signOut, staffSessionHash } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../lib/password.ts';
import { clientIp, enforceLimit, tooMany } from '../../lib/rate-limit.ts';
import { json } from '../../lib/validation.ts';
import { email, newPassword } from '../schemas.ts';

const failuresPerAccount = (address: string) => ({ key: `login-fail:${address}`, max: 5, windowSec: 900 });
/** Guesses at the current password from a signed-in session (a borrowed browser). */
const passwordChecksPerAccount = (staffId: string) => ({ key: `password-check:${staffId}`, max: 10, windowSec: 900 });
const attemptsPerAddress = (ip: string) => ({ key: `login-ip:${ip}`, max: 30, windowSec: 900 });

export const adminAuthRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    ...json(v.object({ email, password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)) })),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const db = database(c.env.DB);
      await enforceLimit(db, attemptsPerAddress(clientIp(c)));
      const locked = await peek(db, failuresPerAccount(email));
      if (!locked.allowed) throw tooMany(locked.retryAfterSec);

      const member = await findStaffByEmail(db, email);
      // Unknown emails cost a full hash too, so timing does not reveal which accounts exist.
      const valid = await verifyPassword(password, member?.passwordHash ?? DECOY_PASSWORD_HASH);
      // A deactivated account gets the wrong password's answer: nothing tells it apart.
      if (!member || !valid || !member.active) {
        await consume(db, failuresPerAccount(email));
        // A failure against a real account is worth an admin's eye; unknown addresses are noise.
        if (member)
          await recordAudit(db, {
            staffId: member.id,
            organizationId: member.organizationId,
            action: 'staff.sign_in_failed',
          });
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
  // hour is shown and changed on the texts page): the organizer pages ask on load.
  .get('/me', requireStaff(), async (c) => {
    const member = c.var.staff!;
    const organization = await findStaffOrganization(database(c.env.DB), member.organizationId);
    return c.json({ staff: staffView(member), organization }, 200);
  })
  // One's own password, with the current one; one's other sign-ins end (a lost phone, a shared PC).
  .post(
    '/password',
    requireStaff(),
    ...json(v.object({ currentPassword: v.pipe(v.string(), v.minLength(1), v.maxLength(256)), newPassword })),
    async (c) => {
      const me = c.var.staff!;
      const { currentPassword, newPassword: password } = c.req.valid('json');
      const db = database(c.env.DB);
      await enforceLimit(db, passwordChecksPerAccount(me.id));
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
        (await staffSessionHash(c)) ?? null,
      );
      return c.body(null, 204);
    },
  )
  .post('/logout', async (c) => {
    await signOut(c, 'staff');
    return c.body(null, 204);
  });
