// The blood centre sets each type's stock level: eight drop-downs and one save (audited by the API).
// Types set critical lead to the emergency donor list of that type.
import type { InferResponseType } from 'hono/client';
import { api, read } from '../foundation/api.ts';
import { h, on } from '../foundation/dom.ts';
import { choices, selectField } from '../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { href } from '../foundation/router.ts';
import { strings } from './strings.ts';

export type Stock = InferResponseType<(typeof api)['blood-stock']['$get'], 200>;
type Row = Stock['levels'][number];

const bloodTypes = ['A', 'B', 'O', 'AB'] as const;
const rhDs = ['positive', 'negative'] as const;
const levels = ['critical', 'low', 'normal', 'full'] as const;

export const typeName = (row: Pick<Row, 'bloodType' | 'rhD'>) =>
  `${row.bloodType}${row.rhD === 'negative' ? ' RhD−' : ' RhD+'}`;

export function bloodStockForm(stock: Stock) {
  const s = strings();
  const rows = bloodTypes.flatMap((bloodType) =>
    rhDs.map((rhD) => {
      const current = stock.levels.find((row) => row.bloodType === bloodType && row.rhD === rhD);
      const control = selectField({
        path: `${bloodType}-${rhD}`,
        label: typeName({ bloodType, rhD }),
        placeholder: s.stockNotSet,
        choices: choices(levels, (level) => s.stockLevel[level]),
        value: current?.level,
      });
      return { bloodType, rhD, control };
    }),
  );
  const message = formMessage();
  const save = h('button', { type: 'submit', class: 'button' }, s.save);
  const form = h(
    'form',
    { class: 'form card stock-form', novalidate: true, 'aria-labelledby': 'stock-form-title' },
    h('h2', { id: 'stock-form-title' }, s.stockTitle),
    h('div', { class: 'stock-grid' }, ...rows.map((row) => row.control.element)),
    save,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    const set = rows.flatMap(({ bloodType, rhD, control }) => {
      const level = control.value() as Row['level'] | undefined;
      return level ? [{ bloodType, rhD, level }] : [];
    });
    if (set.length === 0) return message.error(s.stockNothingSet);
    try {
      await whileBusy(save, message, s.saving, () => read(api.admin['blood-stock'].$put({ json: { levels: set } })));
      message.ok(s.saved);
    } catch (error) {
      showFailure(error, message);
    }
  });
  return form;
}

/** The types the centre marked critical, each a way into the donor list of that type. */
export function criticalTypes(stock: Stock) {
  const s = strings();
  const critical = stock.levels.filter((row) => row.level === 'critical');
  if (critical.length === 0) return null;
  return h(
    'div',
    { class: 'notice notice-error critical-types' },
    h('p', null, s.criticalTypes),
    ...critical.map((row) =>
      h(
        'a',
        { class: 'button', href: href('/emergency-donors', { bloodType: row.bloodType, rhD: row.rhD }) },
        typeName(row),
      ),
    ),
  );
}
