// Quiz admin for a quiz campaign: set up its season, import questions from a CSV or JSON file
// (rejected lines listed with their line numbers and reasons), and the finalists with a CSV.
import { ApiFailure, api, read, within } from '../../foundation/api.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { finalStrings } from '../../final/strings.ts';
import { h, on, replaceContent } from '../../foundation/dom.ts';
import { choices, inputField, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote, notice } from '../../foundation/notices.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { dataTable } from '../data-table.ts';
import { canManage, notAllowed } from '../login.ts';
import { strings } from '../strings.ts';

/** The media type the API reads a question file as, from its name (phones often give no type). */
function mediaTypeOf(file: File): 'text/csv' | 'application/json' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (name.endsWith('.json') || file.type === 'application/json') return 'application/json';
  return null;
}

function seasonForm(campaign: Campaign, onCreated: () => void) {
  const s = strings();
  const number = (path: string, label: string, value: number, attributes: Record<string, number>) =>
    inputField({ path, label, type: 'number', value, attributes: { inputmode: 'numeric', ...attributes } });
  const startsOn = inputField({ path: 'startsOn', label: s.startsOn, type: 'date', value: campaign.startsOn });
  const endsOn = inputField({ path: 'endsOn', label: s.endsOn, type: 'date', value: campaign.endsOn });
  const perDay = number('questionsPerDay', s.questionsPerDay, 5, { min: 1, max: 50 });
  const timeLimit = number('timeLimitSec', s.timeLimitSec, 120, { min: 5, max: 3600 });
  const points = number('pointsPerCorrect', s.pointsPerCorrect, 10, { min: 1, max: 1000 });
  const fields = [startsOn, endsOn, perDay, timeLimit, points];
  const message = formMessage();
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
      showFailure(error, message, fields);
    }
  });
  return form;
}

function importForm(seasonId: string) {
  const s = strings();
  const file = inputField({
    path: 'body',
    label: s.questionFile,
    type: 'file',
    hint: s.importHint,
    attributes: { accept: '.csv,.json,text/csv,application/json' },
  });
  const message = formMessage();
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
    const chosen = file.control.files?.[0];
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
      showFailure(error, message, [file]);
    }
  });
  return form;
}

/** The finalists on request (every listing is audited, so not on every visit), and their CSV. */
function finalists(seasonId: string, signal: AbortSignal) {
  const s = strings();
  const top = selectField({
    path: 'top',
    label: s.top,
    choices: choices(['10', '20', '50', '100'], (n) => n),
    value: '10',
  });
  const csv = h('a', { class: 'button button-secondary', download: '' }, s.downloadCsv);
  const setCsv = () =>
    csv.setAttribute(
      'href',
      `/api/admin/quiz/seasons/${encodeURIComponent(seasonId)}/finalists.csv?top=${top.control.value}`,
    );
  setCsv();
  on(top.control, 'change', setCsv);
  const message = formMessage();
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
          ? emptyNote(s.noFinalists)
          : h(
              'div',
              { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': s.finalistsTitle },
              dataTable(
                [s.rank, s.name, s.phone, s.district, s.score, s.timeSec, s.daysPlayed],
                items.map((row) => [
                  row.rank,
                  row.name ?? '—',
                  row.phone,
                  row.district ?? '',
                  row.score,
                  (row.timeMs / 1000).toFixed(1),
                  row.daysPlayed,
                ]),
                1,
              ),
            ),
      );
    } catch (error) {
      if (!signal.aborted) showFailure(error, message, [top]);
    }
  });
  return form;
}

/**
 * The season's live final: set it up (top of the board, questions drawn from the bank, seconds
 * per question), or, once it exists, the way to its host screen and each finalist's result.
 */
function finalCard(seasonId: string, signal: AbortSignal, refresh: () => void) {
  const s = strings();
  const f = finalStrings();
  const card = h('section', { class: 'card', 'aria-label': f.finalTitle }, h('h2', null, f.finalTitle));
  const body = h('div', null, h('p', { class: 'status' }, s.loading));
  card.append(body);
  read(api.admin.quiz.seasons[':id'].final.$get({ param: { id: seasonId } }, within(signal))).then(
    ({ final }) =>
      replaceContent(
        body,
        h('p', null, h('a', { class: 'button', href: href(`/finals/${final.id}`) }, f.hostTitle)),
        h(
          'ol',
          null,
          ...final.finalists.map((finalist) =>
            h(
              'li',
              null,
              finalist.name,
              finalist.result
                ? h(
                    'span',
                    null,
                    ` · ${f.yourRank(finalist.result.rank)}`,
                    finalist.result.prize ? ` · ${f.prize[finalist.result.prize]}` : '',
                    ' · ',
                    h('a', { href: `${finalist.joinPath}/certificate`, target: '_blank' }, f.print),
                  )
                : null,
            ),
          ),
        ),
      ),
    (error) => {
      if (signal.aborted) return;
      if (!(error instanceof ApiFailure && error.status === 404))
        return replaceContent(body, notice(error instanceof ApiFailure ? error.message : String(error)));
      const number = (path: string, label: string, value: number, attributes: Record<string, number>) =>
        inputField({ path, label, type: 'number', value, attributes: { inputmode: 'numeric', ...attributes } });
      const top = number('top', s.top, 10, { min: 1, max: 50 });
      const drawn = number('drawFromBank', f.fromBank, 10, { min: 1, max: 50 });
      const seconds = number('timeLimitSec', f.secondsPerQuestion, 20, { min: 5, max: 120 });
      const message = formMessage();
      const button = h('button', { type: 'submit', class: 'button' }, f.createFinal);
      const form = h(
        'form',
        { class: 'form', novalidate: true },
        top.element,
        drawn.element,
        seconds.element,
        h('p', { class: 'meta' }, f.scoringRule),
        button,
        message.element,
      );
      on(form, 'submit', async (event) => {
        event.preventDefault();
        try {
          await whileBusy(button, message, s.loading, () =>
            read(
              api.admin.quiz.seasons[':id'].finals.$post(
                {
                  param: { id: seasonId },
                  json: {
                    top: Number(top.control.value),
                    drawFromBank: Number(drawn.control.value),
                    timeLimitSec: Number(seconds.control.value),
                    questionIds: [],
                    questions: [],
                  },
                },
                within(signal),
              ),
            ),
          );
          refresh();
        } catch (failure) {
          showFailure(failure, message, [top, drawn, seconds]);
        }
      });
      replaceContent(body, form);
    },
  );
  return card;
}

export function quizAdminPage(context: PageContext) {
  const s = strings();
  return campaignTaskPage(context, {
    title: s.quizTitle,
    draw: ({ campaign, staff }) => {
      const view = context.view;
      if (!canManage(staff.role)) return void view.append(notAllowed());
      if (campaign.kind !== 'quiz') return void view.append(notice(s.notQuiz));
      const season = campaign.season;
      if (!season) return void view.append(seasonForm(campaign, () => void context.refresh()));
      view.append(
        h('p', { class: 'meta' }, s.seasonDates(season.startsOn, season.endsOn)),
        importForm(season.id),
        finalists(season.id, context.signal),
        finalCard(season.id, context.signal, () => void context.refresh()),
      );
    },
  });
}
