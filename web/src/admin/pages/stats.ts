// A campaign's numbers: totals, sign-ups per day, by status, by session, and for blood drives
// by blood type and donations. Counts only; check-in volunteers see this page too.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h } from '../../foundation/dom.ts';
import { barList, columnChart } from '../chart.ts';
import { emptyNote } from '../../foundation/notices.ts';
import type { PageContext } from '../../foundation/router.ts';
import { campaignTaskPage } from '../campaign-task.ts';
import { dataTable } from '../data-table.ts';
import { strings, type DonationKind, type RegistrationStatus } from '../strings.ts';
import { shortTime } from '../time.ts';

type Stats = InferResponseType<(typeof api.admin.campaigns)[':id']['stats']['$get'], 200>['stats'];

const statusOrder: RegistrationStatus[] = ['confirmed', 'checked_in', 'waitlisted', 'no_show', 'cancelled'];
const bloodTypeOrder = ['A', 'B', 'O', 'AB', 'unknown'];

const total = (counts: Record<RegistrationStatus, number>) =>
  statusOrder.reduce((sum, status) => sum + counts[status], 0);

function tiles(stats: Stats) {
  const s = strings();
  const tile = (label: string, value: string, note?: string) =>
    h(
      'div',
      { class: 'tile' },
      h('span', { class: 'tile-value' }, value),
      h('span', { class: 'tile-label' }, label),
      note ? h('span', { class: 'tile-note' }, note) : null,
    );
  return h(
    'div',
    { class: 'tiles' },
    tile(s.total, String(total(stats.byStatus))),
    tile(s.registrationStatus.checked_in, String(stats.byStatus.checked_in)),
    stats.attendanceRate === null
      ? tile(s.attendanceRate, '—', s.attendanceNone)
      : tile(s.attendanceRate, `${Math.round(stats.attendanceRate * 100)}%`),
  );
}

function perDay(stats: Stats) {
  const s = strings();
  if (stats.byDay.length === 0) return emptyNote(s.noData);
  const short = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
  const summary = stats.byDay.map((d) => s.perDayLabel(d.day, d.signUps, d.cancellations)).join('; ');
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, s.perDay),
    columnChart(
      stats.byDay.map((d) => ({
        label: short(d.day),
        parts: [{ value: d.signUps, tone: 'signups' }],
        title: s.perDayLabel(d.day, d.signUps, d.cancellations),
      })),
      summary,
    ),
    h(
      'details',
      null,
      h('summary', null, s.dataTable),
      dataTable(
        [s.day, s.signUps, s.cancellations],
        stats.byDay.map((d) => [d.day, d.signUps, d.cancellations]),
        0,
      ),
    ),
  );
}

function bySession(stats: Stats) {
  const s = strings();
  return barList(
    stats.bySession.map((session) => ({
      label: s.sessionSeats(`${shortTime(session.startsAt)} · ${session.venue}`, session.capacity),
      value: session.byStatus.confirmed + session.byStatus.checked_in,
      tone: 'confirmed',
    })),
    s.bySession,
  );
}

export function statsPage(context: PageContext) {
  const s = strings();
  const id = context.params.id!;
  return campaignTaskPage(context, {
    title: s.statsTitle,
    load: async () =>
      (await read(api.admin.campaigns[':id'].stats.$get({ param: { id } }, within(context.signal)))).stats,
    draw: ({ data: stats }) => {
      const bloodTypes = stats.bloodTypes as Record<string, number> | undefined;
      const donations = stats.donations as Partial<Record<DonationKind, number>> | undefined;
      append(context.view, [
        tiles(stats),
        h('section', { class: 'card' }, perDay(stats)),
        h(
          'section',
          { class: 'card' },
          barList(
            statusOrder.map((status) => ({
              label: s.registrationStatus[status],
              value: stats.byStatus[status],
              tone: status,
            })),
            s.byStatus,
          ),
        ),
        bloodTypes
          ? h(
              'section',
              { class: 'card' },
              barList(
                bloodTypeOrder
                  .filter((type) => type !== 'unknown' || bloodTypes[type])
                  .map((type) => ({
                    label: type === 'unknown' ? s.bloodTypeUnknown : type,
                    value: bloodTypes[type] ?? 0,
                    tone: 'blood',
                  })),
                s.byBloodType,
              ),
              donations
                ? h(
                    'p',
                    { class: 'meta' },
                    s.donationsLine(
                      (['whole_blood', 'platelets'] as const)
                        .map((kind) => `${s.donation[kind]} ${donations[kind] ?? 0}`)
                        .join(' · '),
                    ),
                  )
                : null,
            )
          : null,
        stats.bySession.length ? h('section', { class: 'card' }, bySession(stats)) : null,
      ]);
    },
  });
}
