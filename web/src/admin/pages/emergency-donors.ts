// The emergency donor list, for the blood centre when stocks run short: willing donors of a
// blood type (and district) who may give today, their CSV (audited), and a text to all of
// them (counted first, sent after a confirmation). Platform admins and blood-centre
// organizers only: anyone else gets the API's plain refusal.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { cityConfig } from '../../city.ts';
import { backLink } from '../../foundation/back-link.ts';
import { append, h, on } from '../../foundation/dom.ts';
import { choices, FieldList, field, filterChoice, filterForm, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { downloads } from '../downloads.ts';
import { pagedList } from '../paged-list.ts';
import { strings } from '../strings.ts';
import { bloodStockForm, criticalTypes } from '../blood-stock-form.ts';

type Donor = InferResponseType<(typeof api.admin)['emergency-donors']['$get'], 200>['items'][number];
type BloodType = 'A' | 'B' | 'O' | 'AB';
type RhD = 'positive' | 'negative';

const bloodTypes: BloodType[] = ['A', 'B', 'O', 'AB'];
const rhDs: RhD[] = ['negative', 'positive'];

interface DonorFilter {
  bloodType: BloodType;
  rhD?: RhD;
  district?: string;
}

function donorRow(donor: Donor) {
  const s = strings();
  return h(
    'li',
    { class: 'roster-row' },
    h('div', { class: 'roster-who' }, h('strong', null, donor.name ?? '—'), h('span', { class: 'meta' }, donor.phone)),
    h('span', { class: 'status-badge status-confirmed' }, `${donor.bloodType}${donor.rhD ? s.rhDSign[donor.rhD] : ''}`),
    h(
      'dl',
      { class: 'facts roster-facts' },
      h('div', null, h('dt', null, s.district), h('dd', null, donor.district ?? '—')),
      h(
        'div',
        null,
        h('dt', null, s.lastDonation),
        h(
          'dd',
          null,
          donor.lastDonation ? `${donor.lastDonation.day} · ${s.donation[donor.lastDonation.kind]}` : s.neverDonated,
        ),
      ),
    ),
  );
}

/** The call-out: how many it would reach (nothing sent), then the text, after a confirmation. */
function calloutForm(filter: DonorFilter) {
  const s = strings();
  const box = h('textarea', { rows: 3, maxlength: 140 });
  const text = field(box, { path: 'message', label: s.calloutText, hint: s.calloutHint, required: true });
  const message = formMessage();
  const count = h('button', { type: 'button', class: 'button button-secondary' }, s.calloutCount);
  const send = h('button', { type: 'submit', class: 'button' }, s.calloutSend);
  const form = h(
    'form',
    { class: 'form card', novalidate: true, 'aria-label': s.calloutTitle },
    h('h2', null, s.calloutTitle),
    text.element,
    h('div', { class: 'actions' }, count, send),
    message.element,
  );
  const body = (dryRun: boolean) => ({ ...filter, message: box.value, dryRun });
  const filled = () => {
    message.clear();
    return new FieldList([text]).checkAll();
  };
  on(count, 'click', async () => {
    if (!filled()) return;
    try {
      const answer = await whileBusy(count, message, s.loading, () =>
        read(api.admin.callouts.$post({ json: body(true) })),
      );
      if ('matched' in answer) message.ok(s.calloutWouldReach(answer.matched, answer.reachable));
    } catch (error) {
      showFailure(error, message, [text]);
    }
  });
  on(form, 'submit', async (event) => {
    event.preventDefault();
    if (!filled() || !window.confirm(s.calloutConfirm)) return;
    try {
      const answer = await whileBusy(send, message, s.saving, () =>
        read(api.admin.callouts.$post({ json: body(false) })),
      );
      if ('callout' in answer) message.ok(s.calloutSent(answer.callout.recipients));
    } catch (error) {
      showFailure(error, message, [text]);
    }
  });
  return form;
}

export function emergencyDonorsPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.donorsTitle);
  const bloodType = bloodTypes.find((type) => type === context.query.get('bloodType'));
  const rhD = rhDs.find((value) => value === context.query.get('rhD'));
  const district = context.query.get('district') || undefined;
  const fetchPage = (cursor?: string) =>
    read(
      api.admin['emergency-donors'].$get(
        { query: { bloodType: bloodType!, rhD, district, cursor, limit: '50' } },
        within(context.signal),
      ),
    );
  return loadPage(
    context,
    async () => {
      const [city, page, stock] = await Promise.all([
        cityConfig(),
        bloodType ? fetchPage() : null,
        read(api['blood-stock'].$get({}, within(context.signal))),
      ]);
      return { districts: city.districts, page, stock };
    },
    ({ districts, page, stock }) => {
      const view = context.view;
      const filters = filterForm({
        label: s.filters,
        apply: s.findDonors,
        fields: [
          selectField({
            path: 'bloodType',
            label: s.bloodType,
            required: true,
            placeholder: s.choose,
            choices: choices(bloodTypes, (type) => type),
            value: bloodType,
          }),
          filterChoice(
            'rhD',
            s.rhD,
            s.eitherRhD,
            choices(rhDs, (value) => s.rhDName[value]),
            rhD,
          ),
          filterChoice(
            'district',
            s.district,
            s.allDistricts,
            choices(districts, (name) => name),
            district,
          ),
        ],
        address: (values) => href('/emergency-donors', values),
      });
      view.append(backLink('/', s.campaignsTitle), h('h1', null, s.donorsTitle), h('p', null, s.donorsIntro));
      // A call-out starts from the types the blood centre marked critical.
      append(view, [bloodType ? null : criticalTypes(stock), filters]);
      if (!bloodType || !page) return view.append(bloodStockForm(stock));

      const filter: DonorFilter = { bloodType, ...(rhD && { rhD }), ...(district && { district }) };
      const query = new URLSearchParams({ ...filter }).toString();
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: donorRow,
        signal: context.signal,
      });
      const results = h(
        'section',
        { 'aria-label': s.donorsFound },
        page.items.length === 0 ? emptyNote(s.noDonors) : list,
        more,
        message,
      );
      append(view, [
        downloads([{ href: `/api/admin/emergency-donors.csv?${query}`, label: s.exportCsv }], s.donorsExportHint),
        results,
        page.items.length ? calloutForm(filter) : null,
      ]);
    },
  );
}
