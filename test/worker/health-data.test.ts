// Health data only where it belongs: a blood type in blood-drive rosters and exports only, and a
// campaign's answers only to that campaign's organizers.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createCampaign } from './fixtures.ts';
import { signInStaff, signUp, testClient } from './helpers.ts';
import { quickCitizen } from './world.ts';

const inDays = (days: number) => ({
  startsAt: new Date(Date.now() + days * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString(),
});

/** The campaign's pages for organizers, as the holder of `cookie` sees them. */
const campaignAs = (cookie: string) => testClient({ cookie }).admin.campaigns[':id'];

/** A citizen of blood type AB signed up for a campaign of this kind, answering its question. */
async function signedUp(kind: 'blood_drive' | 'outreach') {
  const campaign = await createCampaign({ kind, sessions: [{ ...inDays(5), slots: [{ role: 'p', capacity: 5 }] }] });
  await env.DB.prepare(`UPDATE campaigns SET questions = ? WHERE id = ?`)
    .bind(JSON.stringify([{ key: 'illness', label: '慢性病', type: 'text', required: true }]), campaign.id)
    .run();
  const citizen = await quickCitizen({ name: '赵六' });
  await env.DB.prepare(
    `UPDATE people SET blood_type = 'AB', rh_d = 'negative', gender = 'female', birth_year = 1980 WHERE id = ?`,
  )
    .bind(citizen.personId)
    .run();
  const body =
    kind === 'blood_drive'
      ? { name: '赵六', idNumber: '371502198001010026', weightKg: 55, answers: { illness: '无' } }
      : { name: '赵六', answers: { illness: '高血压' } };
  const response = await signUp(citizen.cookie, campaign.slotIds[0]!, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return campaign;
}

describe('a blood type', () => {
  it('is not in the roster, the export or the statistics of a campaign that is not a blood drive', async () => {
    const screening = await signedUp('outreach');
    const organizer = await signInStaff('organizer', screening.organizationId);
    const campaign = campaignAs(organizer.cookie);
    const param = { id: screening.id };
    const page = await (await campaign.registrations.$get({ param, query: {} })).json();
    expect(JSON.stringify(page)).not.toMatch(/bloodType|rhD|birthYear|"AB"/);

    const csv = await (await campaign['registrations.csv'].$get({ param, query: {} })).text();
    expect(csv).not.toContain('血型');
    expect(csv).not.toContain('阴性');
    expect(csv).not.toMatch(/,AB,/);
    expect(csv).toContain('高血压'); // the campaign's own question, to its own organizer

    const stats = await (await campaign.stats.$get({ param })).json();
    expect(JSON.stringify(stats)).not.toMatch(/bloodTypes|"AB"/);
  });

  it('is in the roster and exports of a blood drive', async () => {
    const drive = await signedUp('blood_drive');
    const organizer = await signInStaff('organizer', drive.organizationId);
    const campaign = campaignAs(organizer.cookie);
    const param = { id: drive.id };
    const page = await (await campaign.registrations.$get({ param, query: {} })).json();
    expect(page.items[0]).toMatchObject({ bloodType: 'AB', rhD: 'negative', birthYear: 1980 });
    const csv = await (await campaign['registrations.csv'].$get({ param, query: {} })).text();
    expect(csv.split('\r\n')[0]).toContain('血型,RhD');
    expect(csv).toMatch(/,AB,阴性,/);
  });
});

describe("a campaign's health answers", () => {
  it('reach no organizer of another organization', async () => {
    const screening = await signedUp('outreach');
    const stranger = await signInStaff('organizer', (await createCampaign()).organizationId);
    const campaign = campaignAs(stranger.cookie);
    for (const route of [campaign.registrations, campaign['registrations.csv'], campaign['registrations.xlsx']]) {
      const response = await route.$get({ param: { id: screening.id }, query: {} });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('高血压');
    }
  });
});
