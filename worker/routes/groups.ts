// A group's invitation link: what a member sees, and joining the group with one's own sign-up.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/client.ts';
import { findGroupByCode, listGroupMembers } from '../db/registration-groups.ts';
import type { AppEnv } from '../env.ts';
import { loadPerson } from '../lib/auth.ts';
import { notFound } from '../lib/errors.ts';
import { json, param } from '../lib/validation.ts';
import { invitationView } from './group-views.ts';
import { signUpBody, signUpPerson } from './sign-ups.ts';

const codeParam = v.object({ code: v.pipe(v.string(), v.maxLength(16)) });

async function invitation(db: Database, code: string) {
  const group = await findGroupByCode(db, code.toUpperCase());
  // A draft campaign's groups do not exist for the public, like the campaign itself.
  if (!group || group.campaign.status === 'draft') throw notFound();
  return group;
}

export const groupRoutes = new Hono<AppEnv>()
  .get('/:code', loadPerson, param(codeParam), async (c) => {
    const db = c.var.db;
    const group = await invitation(db, c.req.valid('param').code);
    // The contact also sees who joined (names only); everyone else, the counts.
    const isContact = c.var.person?.id === group.contactPersonId;
    const members = isContact ? await listGroupMembers(db, group.id) : undefined;
    return c.json({ group: { ...invitationView(group), ...(members && { contact: true, members }) } }, 200);
  })
  .post('/:code/registrations', param(codeParam), ...json(signUpBody), async (c) => {
    const { code } = c.req.valid('param');
    const group = await invitation(c.var.db, code);
    return signUpPerson(c, c.req.valid('json'), {
      slotId: group.slotId,
      scope: `POST /api/groups/${group.code}/registrations`,
      group,
    });
  });
