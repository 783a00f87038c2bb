// Staff sign-in cannot be turned against staff: wrong passwords are held to the address they come
// from, and nothing in the answer or the work behind it tells a staff email from any other.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../worker/env.ts';
import { createOrganization, createStaffMember, newAddress, testClient } from './helpers.ts';
import { faultyD1 } from './faulty-d1.ts';

const login = (
  { email, password }: { email: string; password: string },
  address: string,
  bindings?: Partial<Bindings>,
) => testClient({ address, ...(bindings && { bindings }) }).admin.auth.login.$post({ json: { email, password } });

describe('staff sign-in under attack', () => {
  it("a stranger's wrong passwords never stop the member signing in from their own address", async () => {
    const member = await createStaffMember('organizer', await createOrganization());
    const stranger = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login({ ...member, password: `guess-${i}` }, stranger)).status);
    // The stranger is slowed down after five failures…
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await login(member, stranger)).status).toBe(429);
    // …while the member, from their own address, signs in at once.
    const own = await login(member, newAddress());
    expect(own.status).toBe(200);
  });

  it('counts failures by the /64 of an IPv6 address: a stranger cannot rotate through their prefix', async () => {
    const member = await createStaffMember('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Seven addresses of one /64 (2001:db8:77:0::/64).
      const address = `2001:db8:77:0:${i}::${i + 1}`;
      statuses.push((await login({ ...member, password: `guess-${i}` }, address)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another /64 is another subscriber.
    expect((await login(member, '2001:db8:77:1::1')).status).toBe(200);
  });

  it('answers an unknown email exactly as a staff email with a wrong password, with the same work behind it', async () => {
    const member = await createStaffMember('admin');
    const trace = async (email: string) => {
      const answers: string[] = [];
      const roundTrips: string[] = [];
      const address = newAddress();
      for (let i = 0; i < 7; i++) {
        const d1 = faultyD1(env.DB);
        const response = await login({ email, password: `wrong-${i}` }, address, { DB: d1.db });
        answers.push(`${response.status} ${response.headers.get('retry-after') !== null} ${await response.text()}`);
        roundTrips.push(d1.steps.map((step) => (step.read ? 'read' : 'write')).join(','));
      }
      return { answers, roundTrips };
    };
    const known = await trace(member.email);
    const unknown = await trace('nobody-here@example.org');
    expect(unknown.answers).toEqual(known.answers);
    expect(unknown.roundTrips).toEqual(known.roundTrips);
    expect(known.answers[0]).toContain('invalid_credentials');
  });
});
