// One campaign: what it is, who may come, and its sessions with the seats of each slot, marking
// the slots the person signed in already holds.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { eligibilityList } from '../components/eligibility.ts';
import { windowList } from '../components/windows.ts';
import { loadPage } from '../foundation/page.ts';
import { showMyTypeNeeded } from '../components/blood-stock.ts';
import { h, uniqueId } from '../foundation/dom.ts';
import { formatDays, formatSessionTime, hasStarted } from '../format.ts';
import { statusBadge, type Registration } from '../components/registration.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

export type CampaignDetail = InferResponseType<(typeof api.campaigns)[':id']['$get'], 200>['campaign'];
type Session = CampaignDetail['sessions'][number];
type Slot = Session['slots'][number];

const signUpPath = (campaignId: string, slotId: string) =>
  `/campaigns/${encodeURIComponent(campaignId)}/slots/${encodeURIComponent(slotId)}/sign-up`;

/** Seats left, or the full state: with a waiting list to join, or closed. */
export function seatsText(slot: Slot): string {
  const s = strings();
  if (slot.remaining > 0) return s.seatsOf(slot.remaining, slot.capacity);
  return slot.waitlist ? s.fullJoinWaitlist(slot.waiting) : s.full;
}

/** My active registrations by slot: a slot I hold says so instead of offering itself again. */
type Held = Map<string, Registration>;

const isHeld = (registration: Registration) =>
  registration.status === 'confirmed' || registration.status === 'waitlisted' || registration.status === 'checked_in';

/** "已报名" (or my place on the waiting list) and the way to my pass. */
function heldMark(registration: Registration, roleId: string): HTMLElement {
  const s = strings();
  return h(
    'div',
    { class: 'slot-actions held', 'data-testid': 'held' },
    registration.status === 'waitlisted'
      ? statusBadge(registration)
      : h('span', { class: 'status-badge status-confirmed' }, s.signedUpMark),
    h(
      'a',
      {
        class: 'link-small',
        href: `/me/sign-ups/${encodeURIComponent(registration.id)}`,
        'aria-describedby': roleId,
      },
      s.viewPass,
    ),
  );
}

function slotRow(
  campaign: CampaignDetail,
  session: Session,
  slot: Slot,
  sessionHeadingId: string,
  held: Held,
): HTMLElement {
  const s = strings();
  const roleId = uniqueId('role');
  const over = hasStarted(session.startsAt);
  const open = !over && (slot.remaining > 0 || slot.waitlist);
  const mine = held.get(slot.id);
  return h(
    'li',
    { class: slot.remaining > 0 ? 'slot' : 'slot slot-full' },
    h(
      'div',
      { class: 'slot-text' },
      h('span', { class: 'role', id: roleId }, slot.role),
      h('span', { class: 'seats' }, over ? s.sessionOver : seatsText(slot)),
      slot.windows && !over ? windowList(slot.windows) : null,
    ),
    mine
      ? heldMark(mine, roleId)
      : open
        ? h(
            'div',
            { class: 'slot-actions' },
            h(
              'a',
              {
                class: slot.remaining > 0 ? 'button' : 'button button-secondary',
                href: signUpPath(campaign.id, slot.id),
                'aria-describedby': `${roleId} ${sessionHeadingId}`,
              },
              slot.remaining > 0 ? s.signUp : s.joinWaitlist,
            ),
            // A company's contact holds seats for its group; its members sign up from the link.
            slot.remaining > 0
              ? h(
                  'a',
                  {
                    class: 'link-small',
                    href: `${signUpPath(campaign.id, slot.id).replace(/\/sign-up$/, '')}/team`,
                    'aria-describedby': `${roleId} ${sessionHeadingId}`,
                  },
                  s.groupSignUp,
                )
              : null,
          )
        : null,
  );
}

function sessionCard(campaign: CampaignDetail, session: Session, held: Held): HTMLElement {
  const headingId = uniqueId('session');
  return h(
    'li',
    { class: 'session' },
    h('h3', { id: headingId }, formatSessionTime(session.startsAt, session.endsAt)),
    h('p', { class: 'venue' }, session.venue),
    h('p', { class: 'meta' }, session.address),
    h('ul', { class: 'slots' }, ...session.slots.map((slot) => slotRow(campaign, session, slot, headingId, held))),
  );
}

/** A quiz campaign's way in: today's quiz and its leaderboard (nothing before its season is set up). */
function quizCard(campaign: CampaignDetail): HTMLElement | null {
  const s = strings();
  if (!campaign.season) return null;
  const path = `/quiz/${encodeURIComponent(campaign.season.id)}`;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'quiz-today' },
    h('h2', { id: 'quiz-today' }, s.quizToday),
    h('p', null, s.quizTodayIntro),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button', href: path }, s.playQuiz),
      h('a', { class: 'button button-secondary', href: `${path}/leaderboard` }, s.quizLeaderboard),
    ),
  );
}

export async function campaignPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.campaignsTitle);
  await loadPage(
    context,
    () =>
      Promise.all([
        read(api.campaigns[':id'].$get({ param: { id: context.params.id! } }, within(context.signal))),
        // Signed out (401) or offline, the page is the same without the marks.
        read(api.me.registrations.$get({}, within(context.signal))).then(
          ({ items }) => new Map(items.filter(isHeld).map((registration) => [registration.slot.id, registration])),
          (error: unknown) => {
            if (error instanceof ApiFailure) return new Map() as Held;
            throw error;
          },
        ),
      ]),
    ([{ campaign }, held]) => {
      setPageTitle(campaign.title);
      const needed = h('div', { class: 'stock-place' });
      context.view.append(
        backLink('/', s.allCampaigns),
        h(
          'article',
          { class: `campaign-page kind-${campaign.kind}` },
          h('span', { class: 'badge' }, s.kind[campaign.kind]),
          h('h1', null, campaign.title),
          h(
            'p',
            { class: 'meta' },
            `${formatDays(campaign.startsOn, campaign.endsOn)} · ${campaign.organization.name}`,
          ),
          needed,
          campaign.description ? h('p', { class: 'description' }, campaign.description) : null,
          campaign.kind === 'quiz'
            ? quizCard(campaign)
            : h(
                'section',
                { class: 'card', 'aria-labelledby': 'who-may-come' },
                h('h2', { id: 'who-may-come' }, s.whoMayComeTitle),
                eligibilityList(campaign.eligibility),
              ),
          campaign.sessions.length
            ? h(
                'section',
                { 'aria-labelledby': 'sessions-title' },
                h('h2', { id: 'sessions-title' }, s.sessionsTitle),
                h(
                  'ul',
                  { class: 'sessions' },
                  ...campaign.sessions.map((session) => sessionCard(campaign, session, held)),
                ),
              )
            : campaign.kind === 'quiz'
              ? null
              : h('p', { class: 'status' }, s.noSessions),
        ),
      );
      if (campaign.kind === 'blood_drive') showMyTypeNeeded(needed, context.signal);
    },
  );
}
