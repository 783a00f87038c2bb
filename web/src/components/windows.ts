// Appointment windows as the citizen pages show them: "09:30–10:00" with what is left of each,
// and the choice of one on the sign-up and reschedule forms.
import { choiceField, type Field } from '../foundation/fields.ts';
import { h } from '../foundation/dom.ts';
import { strings } from '../strings.ts';

interface Window {
  startsAt: string;
  endsAt: string;
  remaining: number;
}

/** "09:30–10:00" (China time, as the API writes it). */
export const windowTime = (window: { startsAt: string; endsAt: string }) =>
  `${window.startsAt.slice(11, 16)}–${window.endsAt.slice(11, 16)}`;

/** Every window of a slot with what is left, on the campaign page. */
export function windowList(windows: Window[]): HTMLElement {
  const s = strings();
  return h(
    'ul',
    { class: 'windows', 'aria-label': s.windowsLabel },
    ...windows.map((window) =>
      h(
        'li',
        { class: window.remaining > 0 ? 'window' : 'window window-full' },
        h('span', { class: 'window-time' }, window.startsAt.slice(11, 16)),
        ' ',
        h('span', { class: 'window-left' }, s.windowLeft(window.remaining)),
      ),
    ),
  );
}

/** The windows that still have room, as a required choice named `windowStartsAt`. */
export function windowField(windows: Window[], options: { label?: string; value?: string } = {}): Field {
  const s = strings();
  return choiceField({
    path: 'windowStartsAt',
    label: options.label ?? s.arriveWindow,
    hint: s.arriveWindowHint,
    required: true,
    value: options.value ?? null,
    choices: windows
      .filter((window) => window.remaining > 0)
      .map((window) => ({ value: window.startsAt, label: s.windowChoice(windowTime(window), window.remaining) })),
  });
}
