// Quiz admin for a quiz campaign: set up its season, import questions from a CSV or JSON file
// (rejected lines listed with their line numbers and reasons), and the finalists with a CSV.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../api.ts';
import { h, on, replaceContent } from '../../dom.ts';
import { loadPage } from '../load.ts';
import type { AdminContext } from '../router.ts';
import { canManage } from '../session.ts';
import { strings } from '../strings.ts';
import {
  actionMessage,
  backLink,
  field,
  input,
  notAllowed,
  select,
  setPageTitle,
  showFailure,
  whileBusy,
} from '../ui.ts';

type Campaign = InferResponseType<(typeof api.admin.campaigns)[':id']['$get'], 200>['campaign'];

/** The media type the API reads a question file as, from its name (phones often give no type). */
function mediaTypeOf(file: File): 'text/csv' | 'application/json' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (name.endsWith('.json') || file.type === 'application/json') return 'application/json';
  return null;
}

function seasonForm(campaign: Campaign, onCreated: () => void) {
  const s = strings();
  const startsOn = field('startsOn', s.startsOn, input({ type: 'date', value: campaign.startsOn }));
  const endsOn = field('endsOn', s.endsOn, input({ type: 'date', value: campaign.endsOn }));
  const perDay = field(
    'questionsPerDay',
    s.questionsPerDay,
    input({ type: 'number', inputmode: 'numeric', min: 1, max: 50, value: 5 }),
  );
  const timeLimit = field(
    'timeLimitSec',
    s.timeLimitSec,
    input({ type: 'number', inputmode: 'numeric', min: 5, max: 3600, value: 120 }),
  );
  const points = field(
    'pointsPerCorrect',
    s.pointsPerCorrect,
    input({ type: 'number', inputmode: 'numeric', min: 1, max: 1000, value: 10 }),
  );
  const fields = [startsOn, endsOn, perDay, timeLimit, points];
  const message = actionMessage();
  const button = h('button', { type: 'submit', class: 'button' }, s.createSeason);
  const form = h(
    'form',
    { class: 'form card', novalidate: true },
    h('p', null, s.noSeason),
    ...fields.map((f) => f.element),
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    try {
      await whileBusy(button, message, s.saving, () =>
        read(
          api.admin.quiz.seasons.$post({
            json: {
              campaignId: campaign.id,
              startsOn: startsOn.control.value,
              endsOn: endsOn.control.value,
              questionsPerDay: Number(perDay.control.value),
              timeLimitSec: Number(timeLimit.control.value),
              pointsPerCorrect: Number(points.control.value),
            },
          }),
        ),
      );
      onCreated();
    } catch (error) {
      showFailure(error, fields, message);
    }
  });
  return form;
}

function importForm(seasonId: string) {
  const s = strings();
  const file = field('body', s.questionFile, input({ type: 'file', accept: '.csv,.json,text/csv,application/json' }), {
    hint: s.importHint,
  });
  const message = actionMessage();
  const rejected = h('div', { class: 'rejected', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, s.importButton);
  const form = h(
    'form',
    { class: 'form card', novalidate: true, 'aria-label': s.importTitle },
    h('h2', null, s.importTitle),
    file.element,
    button,
    message.element,
    rejected,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    replaceContent(rejected);
    const chosen = (file.control as HTMLInputElement).files?.[0];
    const mediaType = chosen && mediaTypeOf(chosen);
    if (!chosen || !mediaType) {
      file.showError(chosen ? s.fileType : s.chooseFile);
      file.control.focus();
      return message.clear();
    }
    try {
      const answer = await whileBusy(button, message, s.importing, () =>
        read(
          api.admin.quiz.seasons[':id'].questions.$post(
            { param: { id: seasonId } },
            { headers: { 'content-type': mediaType }, init: { body: chosen } },
          ),
        ),
      );
      message.ok(s.imported(answer.imported));
      if (answer.rejected.length) {
        replaceContent(
          rejected,
          h('h3', null, s.rejectedTitle(answer.rejected.length)),
          h(
            'ul',
            { class: 'rejected-lines' },
            ...answer.rejected.map((line) => h('li', null, h('strong', null, s.line(line.line)), ' ', line.message)),
          ),
        );
      }
    } catch (error) {
      showFailure(error, [file], message);
    }
  });
  return form;
}

/** The finalists on request (every listing is audited, so not on every visit), and their CSV. */
function finalists(seasonId: string, signal: AbortSignal) {
  const s = strings();
  const top = field(
    'top',
    s.top,
    select(
      ['10', '20', '50', '100'].map((n): [string, string] => [n, n]),
      '10',
    ),
  );
  const csv = h('a', { class: 'button button-secondary', download: '' }, s.downloadCsv);
  const setCsv = () =>
    csv.setAttribute(
      'href',
      `/api/admin/quiz/seasons/${encodeURIComponent(seasonId)}/finalists.csv?top=${top.control.value}`,
    );
  setCsv();
  on(top.control, 'change', setCsv);
  const message = actionMessage();
  const list = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, s.showFinalists);
  const form = h(
    'form',
    { class: 'form card finalists', novalidate: true, 'aria-label': s.finalistsTitle },
    h('h2', null, s.finalistsTitle),
    top.element,
    h('div', { class: 'actions' }, button, csv),
    message.element,
    list,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    try {
      const { items } = await whileBusy(button, message, s.loading, () =>
        read(
          api.admin.quiz.seasons[':id'].finalists.$get(
            { param: { id: seasonId }, query: { top: top.control.value } },
            within(signal),
          ),
        ),
      );
      message.clear();
      replaceContent(
        list,
        items.length === 0
          ? h('p', { class: 'status' }, s.noFinalists)
          : h(
              'div',
              { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': s.finalistsTitle },
              h(
                'table',
                { class: 'data' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ...[s.rank, s.name, s.phone, s.district, s.score, s.timeSec, s.daysPlayed].map((label) =>
                      h('th', { scope: 'col' }, label),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  ...items.map((row) =>
                    h(
                      'tr',
                      null,
                      h('td', null, row.rank),
                      h('th', { scope: 'row' }, row.name ?? '—'),
                      h('td', null, row.phone),
                      h('td', null, row.district ?? ''),
                      h('td', null, row.score),
                      h('td', null, (row.timeMs / 1000).toFixed(1)),
                      h('td', null, row.daysPlayed),
                    ),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      if (!signal.aborted) showFailure(error, [top], message);
    }
  });
  return form;
}

export function quizAdminPage(context: AdminContext) {
  const s = strings();
  const id = context.params.id!;
  return loadPage(
    context,
    () => read(api.admin.campaigns[':id'].$get({ param: { id } }, within(context.signal))),
    ({ campaign }, staff) => {
      setPageTitle(`${s.quizTitle}: ${campaign.title}`);
      const view = context.view;
      view.append(backLink(`/campaigns/${encodeURIComponent(id)}`, campaign.title), h('h1', null, s.quizTitle));
      if (!canManage(staff.role)) return void view.append(notAllowed());
      if (campaign.kind !== 'quiz') return void view.append(h('p', { class: 'notice' }, s.notQuiz));
      const season = campaign.season;
      if (!season) return void view.append(seasonForm(campaign, () => void context.refresh()));
      view.append(
        h('p', { class: 'meta' }, s.seasonDates(season.startsOn, season.endsOn)),
        importForm(season.id),
        finalists(season.id, context.signal),
      );
    },
  );
}
