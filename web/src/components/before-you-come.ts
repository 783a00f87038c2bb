// What a pass offers for the day itself: the session in the phone's calendar, the address on a
// map, and at a blood drive how to prepare.
import { currentLanguage } from '../foundation/strings.ts';
import { h } from '../foundation/dom.ts';
import { strings } from '../strings.ts';

/**
 * A plain link to the Worker's .ics (a generated blob: download fails inside WeChat's browser);
 * the address holds the registration's random id and the language, nothing personal.
 */
export function calendarLink(registrationId: string): HTMLElement {
  const href = `/api/me/registrations/${encodeURIComponent(registrationId)}/calendar.ics?lang=${currentLanguage()}`;
  return h('a', { class: 'button button-secondary', href, download: 'lifeline.ics' }, strings().addToCalendar);
}

/**
 * The address as a search on Amap (高德地图), the map app most installed on phones in China: its
 * web link opens the app where it is there (callnative) and Amap's mobile web map otherwise, also
 * inside WeChat, with no key to register (Tencent's link needs one) and no coordinates, which
 * sessions do not have. The city keeps a search for "人民广场" in this city. Only the session's
 * address goes out, nothing of the person.
 */
export function mapLink(venue: string, address: string, city: string): HTMLElement {
  const query = new URLSearchParams({
    keyword: address || venue,
    city,
    view: 'map',
    src: 'lifeline',
    callnative: '1',
  });
  return h('a', { class: 'button button-secondary', href: `https://uri.amap.com/search?${query}` }, strings().openMap);
}

/** A blood drive's preparation: the same advice the reminder text gives, in full. */
export function donorPrepCard(): HTMLElement {
  const s = strings();
  return h(
    'section',
    { class: 'card prep', 'aria-labelledby': 'prep-title' },
    h('h2', { id: 'prep-title' }, s.prepTitle),
    h('ul', null, ...s.prep.map((line) => h('li', null, line))),
  );
}
