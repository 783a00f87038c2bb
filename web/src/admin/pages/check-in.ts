// The check-in desk, made for a phone. It is opened for one campaign (and, if chosen, one session)
// and sends that scope with every check-in, so a pass of another campaign, session or day is
// refused in red and nothing is written. Type the booking code, scan the pass's QR code, or find
// a person without their phone by name or the last 4 digits; see at once, big, in colour and in
// words, who it is and whether they may go in. At a blood drive the donation is its own step after
// the collection. Without a network the check-ins are kept on the device and sent when it returns.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../../foundation/api.ts';
import { backLink } from '../../foundation/back-link.ts';
import { append, h, on, replaceContent, uniqueId } from '../../foundation/dom.ts';
import { field, FieldList, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, navigate, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { today } from '../../format.ts';
import { askAndCorrect } from '../corrections.ts';
import { dropExpired, keepScan, type PendingScan, pendingScans, type ScanAnswer, sendPending } from '../desk-queue.ts';
import { donationStep, type DonationDesk } from '../donation-step.ts';
import type { CameraProblem } from '../scanner.ts';
import { canManage, me, type Staff } from '../login.ts';
import { strings } from '../strings.ts';
import { chinaClock, shortTime, windowTime } from '../time.ts';

type Campaign = InferResponseType<(typeof api.admin.campaigns)[':id']['$get'], 200>['campaign'];
type CampaignItem = InferResponseType<typeof api.admin.campaigns.$get, 200>['items'][number];
type CheckedIn = InferResponseType<typeof api.admin.checkins.$post, 200>['registration'];
type Found = InferResponseType<typeof api.admin.checkins.search.$post, 200>['items'][number];

/** What the desk shows after a code: a check-in, or each refusal the API can give, in plain words. */
type Outcome =
  | { kind: 'ok'; registration: CheckedIn }
  | { kind: 'kept'; code: string }
  | { kind: 'refused' | 'already' | 'cancelled' | 'waitlisted' | 'unknown'; code: string; message: string };

type Refusal = Exclude<Outcome['kind'], 'ok' | 'kept'>;

/** The API's refusals by their code; any other answered refusal (a wrong day, a seat gone) is red. */
const refusals: Record<string, Refusal> = {
  already_checked_in: 'already',
  registration_cancelled: 'cancelled',
  not_confirmed: 'waitlisted',
};

const refusalOf = (failure: ApiFailure): Refusal =>
  failure.status === 404 ? 'unknown' : (refusals[failure.code] ?? 'refused');

/** The booking code as people read it: "K7M2 9QXD". */
const spaced = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

/** Seconds between tries to send kept check-ins while some wait (navigator.onLine can be wrong). */
const RETRY_MS = 15_000;

interface Desk extends DonationDesk {
  campaign: Campaign;
  staff: Staff;
}

const isBloodDrive = (desk: Desk) => desk.campaign.kind === 'blood_drive';

function refusalCard(outcome: Extract<Outcome, { message: string }>, next: HTMLButtonElement): HTMLElement {
  const s = strings();
  const [title, tone, mark, hint] = {
    refused: [s.resultRefused, 'bad', '✕', s.resultRefusedHint],
    already: [s.resultAlready, 'warn', '!', s.resultHint.already],
    waitlisted: [s.resultWaitlisted, 'warn', '!', s.resultHint.waitlisted],
    cancelled: [s.resultCancelled, 'bad', '✕', s.resultHint.cancelled],
    unknown: [s.resultUnknown, 'bad', '✕', s.resultUnknownText],
  }[outcome.kind];
  return h(
    'section',
    { class: `result result-${tone}`, 'aria-label': title, role: 'alert' },
    h('p', { class: 'result-title' }, h('span', { class: 'result-mark', 'aria-hidden': 'true' }, mark), title),
    h('p', { class: 'result-code code' }, spaced(outcome.code)),
    outcome.kind === 'unknown' ? null : h('p', { class: 'result-message' }, outcome.message),
    h('p', null, hint),
    h('div', { class: 'actions' }, next),
  );
}

function checkedInCard(registration: CheckedIn, desk: Desk, next: HTMLButtonElement): HTMLElement {
  const s = strings();
  const name = registration.name ?? spaced(registration.code);
  const card = h(
    'section',
    { class: 'result result-ok', 'aria-label': s.resultOk },
    h('p', { class: 'result-title' }, h('span', { class: 'result-mark', 'aria-hidden': 'true' }, '✓'), s.resultOk),
    h('p', { class: 'result-name' }, registration.name ?? '—'),
    h(
      'dl',
      { class: 'facts' },
      h('div', null, h('dt', null, s.slot), h('dd', null, registration.slot.role)),
      h(
        'div',
        null,
        h('dt', null, s.session),
        h('dd', null, `${shortTime(registration.session.startsAt)} · ${registration.session.venue}`),
      ),
      registration.window
        ? h('div', null, h('dt', null, s.window), h('dd', null, windowTime(registration.window)))
        : null,
      h('div', null, h('dt', null, s.bookingCode), h('dd', { class: 'code' }, spaced(registration.code))),
    ),
    isBloodDrive(desk) ? donationStep({ id: registration.id, name }, desk) : null,
  );
  const actions = h('div', { class: 'actions' }, next);
  if (canManage(desk.staff.role)) {
    const undo = h('button', { type: 'button', class: 'button-quiet' }, s.undo);
    on(undo, 'click', async () => {
      if (!(await askAndCorrect('undo_check_in', { id: registration.id, name }))) return;
      card.className = 'result result-undone';
      card.setAttribute('aria-label', s.resultUndone);
      replaceContent(
        card,
        h(
          'p',
          { class: 'result-title' },
          h('span', { class: 'result-mark', 'aria-hidden': 'true' }, '↺'),
          s.resultUndone,
        ),
        h('p', null, s.undoDone(name)),
        h('div', { class: 'actions' }, next),
      );
      next.focus();
    });
    actions.append(undo);
  }
  card.append(actions);
  return card;
}

function keptCard(code: string, next: HTMLButtonElement): HTMLElement {
  const s = strings();
  return h(
    'section',
    { class: 'result result-kept', 'aria-label': s.keptOffline(code) },
    h('p', { class: 'result-title' }, h('span', { class: 'result-mark', 'aria-hidden': 'true' }, '⋯'), spaced(code)),
    h('p', null, s.keptOffline(spaced(code))),
    h('div', { class: 'actions' }, next),
  );
}

/** Links to each published campaign's own desk: a desk is always opened for one campaign. */
export function checkInPage(context: PageContext) {
  if (context.params.id) return deskPage(context);
  const s = strings();
  setPageTitle(s.checkInTitle);
  return loadPage(
    context,
    async () => (await read(api.admin.campaigns.$get({ query: {} }, within(context.signal)))).items,
    (campaigns: CampaignItem[]) => {
      const open = campaigns.filter((campaign) => campaign.status === 'published');
      context.view.append(
        h('h1', null, s.checkInTitle),
        h('p', null, s.desksIntro),
        open.length === 0
          ? emptyNote(s.noDesks)
          : h(
              'ul',
              { class: 'desk-links card' },
              ...open.map((campaign) =>
                h(
                  'li',
                  null,
                  h(
                    'a',
                    { href: href(`/campaigns/${encodeURIComponent(campaign.id)}/check-in`) },
                    s.deskLink(campaign.title, s.kind[campaign.kind]),
                  ),
                ),
              ),
            ),
      );
    },
  );
}

/** The sessions to choose from: today's first, then by time; cancelled ones left out. */
function sessionChoices(campaign: Campaign) {
  const s = strings();
  const day = today();
  return campaign.sessions
    .filter((session) => !session.cancelledAt)
    .map((session) => ({ session, isToday: session.startsAt.slice(0, 10) === day }))
    .sort((a, b) => Number(b.isToday) - Number(a.isToday) || a.session.startsAt.localeCompare(b.session.startsAt))
    .map(({ session, isToday }) => ({
      value: session.id,
      label: s.sessionChoice(shortTime(session.startsAt), session.venue, isToday),
    }));
}

function deskPage(context: PageContext) {
  const s = strings();
  const campaignId = context.params.id!;
  return loadPage(
    context,
    async () => ({
      staff: await me(),
      campaign: (await read(api.admin.campaigns[':id'].$get({ param: { id: campaignId } }, within(context.signal))))
        .campaign,
    }),
    ({ staff, campaign }) => {
      const title = s.checkInAt(campaign.title);
      setPageTitle(title);
      const choices = sessionChoices(campaign);
      const chosen = choices.find((choice) => choice.value === context.query.get('session'))?.value;
      const desk: Desk = {
        campaign,
        staff,
        campaignId: campaign.id,
        ...(chosen && { sessionId: chosen }),
        platelets: campaign.eligibility?.platelets === true,
      };
      const scope = { campaignId: desk.campaignId, ...(desk.sessionId && { sessionId: desk.sessionId }) };

      // The desk's session: a new address, so a reload (or a second phone given the link) keeps it.
      const sessionPicker = selectField({
        path: 'session',
        label: s.deskSession,
        hint: s.deskSessionHint,
        placeholder: s.deskAllSessions,
        choices,
        value: chosen ?? null,
      });
      on(sessionPicker.control, 'change', () =>
        navigate(
          href(`/campaigns/${encodeURIComponent(campaign.id)}/check-in`, {
            session: sessionPicker.control.value,
          }),
          { replace: true },
        ),
      );

      const codeBox = h('input', {
        type: 'text',
        class: 'code-input',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: false,
        enterkeyhint: 'go',
        maxlength: 32,
      });
      // As read aloud or typed: lower case, spaces and dashes are the same code.
      const typedCode = () => codeBox.value.replace(/[\s-]/g, '').toUpperCase();
      const code = field(
        codeBox,
        {
          path: 'code',
          label: s.code,
          hint: s.codeHint,
          validate: (value) => (/^[0-9A-Z]{4,16}$/.test(String(value)) ? null : s.codeInvalid),
        },
        typedCode,
      );
      const fields = new FieldList([code]);

      const submit = h('button', { type: 'submit', class: 'button' }, s.checkInButton);
      const scanButton = h(
        'button',
        { type: 'button', class: 'button button-secondary', 'aria-expanded': 'false' },
        s.scan,
      );
      const message = formMessage();
      const video = h('video', { class: 'camera', muted: true, playsinline: true, 'aria-label': s.cameraPreview });
      const cameraStatus = h('p', { class: 'hint', role: 'status' });
      const camera = h('div', { class: 'camera-box', hidden: true }, video, cameraStatus);
      const result = h('div', { class: 'result-region', 'aria-live': 'polite' });
      const connection = h('p', { class: 'notice notice-offline', role: 'status', hidden: navigator.onLine });
      connection.textContent = s.offlineNow;
      const form = h(
        'form',
        { class: 'form card desk', novalidate: true },
        code.element,
        h('div', { class: 'actions' }, submit, scanButton),
        message.element,
      );

      // The camera: opened on request, closed when a code is read, the page left, or on request.
      let scanning: AbortController | undefined;
      let scannedLast = false;
      const stopCamera = () => {
        scanning?.abort();
        scanning = undefined;
        camera.hidden = true;
        scanButton.textContent = s.scan;
        scanButton.setAttribute('aria-expanded', 'false');
      };
      context.signal.addEventListener('abort', stopCamera, { once: true });
      const startCamera = async () => {
        const controller = new AbortController();
        scanning = controller;
        camera.hidden = false;
        cameraStatus.textContent = s.scanHelp;
        scanButton.textContent = s.stopScan;
        scanButton.setAttribute('aria-expanded', 'true');
        message.clear();
        let problem: CameraProblem = 'failed';
        try {
          const scanner = await import('../scanner.ts');
          try {
            await scanner.scanOnce(video, controller.signal, (text) => {
              stopCamera();
              scannedLast = true;
              code.control.value = text;
              void checkIn(typedCode());
            });
            return;
          } catch (error) {
            if (error instanceof scanner.CameraError) problem = error.problem;
          }
        } catch {
          // the scanner's module did not load (offline): the camera cannot help now
        }
        if (controller.signal.aborted) return;
        stopCamera();
        message.error({ denied: s.cameraDenied, missing: s.cameraMissing, failed: s.cameraFailed }[problem]);
      };
      on(scanButton, 'click', () => (scanning ? stopCamera() : void startCamera()));

      const nextButton = () =>
        on(h('button', { type: 'button', class: 'button button-secondary' }, s.nextCode), 'click', () => {
          replaceContent(result);
          code.control.value = '';
          if (scannedLast) void startCamera();
          code.control.focus();
        });
      const show = (outcome: Outcome) => {
        const next = nextButton();
        replaceContent(
          result,
          outcome.kind === 'ok'
            ? checkedInCard(outcome.registration, desk, next)
            : outcome.kind === 'kept'
              ? keptCard(outcome.code, next)
              : refusalCard(outcome, next),
        );
        // The keyboard goes away so the whole result shows on a phone.
        code.control.blur();
        result.scrollIntoView({ block: 'nearest' });
      };

      // Check-ins kept on the device while the network is gone, and what became of them.
      const pendingList = h('ul', { class: 'pending-list' });
      const pendingTitle = h('h2', null);
      const pending = h('section', { class: 'card pending', hidden: true }, pendingTitle, pendingList);
      const syncedList = h('ul', { class: 'synced-list' });
      const synced = h(
        'section',
        { class: 'card synced', hidden: true, 'aria-live': 'polite' },
        h('h2', null, s.syncedTitle),
        syncedList,
      );
      const showPending = () => {
        const scans = pendingScans(campaign.id);
        pending.hidden = scans.length === 0;
        pendingTitle.textContent = s.pendingTitle(scans.length);
        replaceContent(
          pendingList,
          ...scans.map((scan) => h('li', null, s.pendingItem(spaced(scan.code), chinaClock(scan.keptAt)))),
        );
      };
      const showAnswer = (answer: ScanAnswer<CheckedIn>) => {
        const code = spaced(answer.scan.code);
        const [tone, text] =
          answer.kind === 'checked_in'
            ? ['ok', s.syncedOk(answer.registration.name ?? '', code)]
            : answer.kind === 'ours'
              ? ['ok', s.syncedOurs(code)]
              : [
                  refusalOf(answer.failure) === 'already' ? 'warn' : 'bad',
                  s.syncedRefused(code, answer.failure.message),
                ];
        synced.hidden = false;
        syncedList.append(h('li', { class: `synced-${tone}` }, text));
      };
      const sendScan = (scan: PendingScan) =>
        read(
          api.admin.checkins.$post({
            json: {
              code: scan.code,
              campaignId: scan.campaignId,
              ...(scan.sessionId && { sessionId: scan.sessionId }),
            },
          }),
        ).then((answer) => answer.registration);
      let sending = false;
      const sendKept = async () => {
        if (sending || context.signal.aborted || pendingScans(campaign.id).length === 0) return;
        sending = true;
        try {
          await sendPending(campaign.id, sendScan, (answer) => {
            showAnswer(answer);
            showPending();
          });
        } finally {
          sending = false;
          showPending();
        }
      };
      const onConnectionChange = () => {
        connection.hidden = navigator.onLine;
        if (navigator.onLine) void sendKept();
      };
      window.addEventListener('online', onConnectionChange);
      window.addEventListener('offline', onConnectionChange);
      const retry = setInterval(() => void sendKept(), RETRY_MS);
      context.signal.addEventListener(
        'abort',
        () => {
          window.removeEventListener('online', onConnectionChange);
          window.removeEventListener('offline', onConnectionChange);
          clearInterval(retry);
        },
        { once: true },
      );

      /** Keeps a check-in that could not be sent, and says so; false when the device cannot keep it. */
      const keep = (typed: string, sentUnanswered: boolean) => {
        try {
          keepScan({ code: typed, ...scope, ...(sentUnanswered && { sentUnanswered }) });
        } catch {
          return false;
        }
        showPending();
        show({ kind: 'kept', code: typed });
        return true;
      };

      const expected = expectedNow(desk, scope, (typed) => void checkIn(typed), context.signal);

      async function checkIn(typed: string) {
        message.clear();
        replaceContent(result);
        if (!navigator.onLine && keep(typed, false)) return message.clear();
        try {
          const { registration } = await whileBusy(submit, message, s.checkingIn, () =>
            read(api.admin.checkins.$post({ json: { code: typed, ...scope } }, within(context.signal))),
          );
          message.clear();
          show({ kind: 'ok', registration });
          void expected.refresh();
        } catch (error) {
          if (context.signal.aborted) return;
          if (error instanceof ApiFailure && error.answered && error.code !== 'validation_failed') {
            message.clear();
            return show({ kind: refusalOf(error), code: typed, message: error.message });
          }
          // No answer: kept for later (a timed-out send may have reached the server).
          if (error instanceof ApiFailure && error.status === 0 && keep(typed, error.code === 'timeout'))
            return message.clear();
          showFailure(error, message, fields);
        }
      }
      on(form, 'submit', (event) => {
        event.preventDefault();
        scannedLast = false;
        if (fields.checkAll()) void checkIn(typedCode());
      });

      append(context.view, [
        backLink(`/campaigns/${encodeURIComponent(campaign.id)}`, campaign.title),
        h('h1', null, title),
        h('div', { class: 'desk-scope' }, sessionPicker.element),
        connection,
        form,
        camera,
        result,
        pending,
        synced,
        expected.element,
        personSearch(desk, scope, (typed) => void checkIn(typed), context.signal),
      ]);
      void expected.refresh();
      const expired = dropExpired();
      if (expired) message.error(s.expiredScans(expired));
      showPending();
      void sendKept();
      code.control.focus();
    },
  );
}

/**
 * Finding a person without their pass: today's registrations of the desk by name or the last 4 phone
 * digits (sent in a POST body, never in an address), each checked in with one tap, or, once in,
 * given their donation.
 */
function personSearch(
  desk: Desk,
  scope: { campaignId: string; sessionId?: string },
  checkIn: (code: string) => void,
  signal: AbortSignal,
): HTMLElement {
  const s = strings();
  const box = field(h('input', { type: 'search', autocomplete: 'off', maxlength: 40, enterkeyhint: 'search' }), {
    path: 'q',
    label: s.searchBox,
    hint: s.searchHint,
    required: true,
  });
  const button = h('button', { type: 'submit', class: 'button button-secondary' }, s.searchButton);
  const message = formMessage();
  const results = h('ul', { class: 'found' });
  const form = h(
    'form',
    { class: 'form card person-search', novalidate: true, role: 'search', 'aria-label': s.searchTitle },
    h('h2', null, s.searchTitle),
    box.element,
    h('div', { class: 'actions' }, button),
    message.element,
    results,
  );

  const row = (person: Found) => foundRow(person, desk, checkIn, () => replaceContent(results));

  on(form, 'submit', async (event) => {
    event.preventDefault();
    replaceContent(results);
    if (!new FieldList([box]).checkAll()) return;
    if (!navigator.onLine) return message.error(s.searchOffline);
    try {
      const { items } = await whileBusy(button, message, s.searching, () =>
        read(api.admin.checkins.search.$post({ json: { ...scope, q: String(box.value()) } }, within(signal))),
      );
      message.clear();
      if (items.length === 0) message.error(s.searchNone);
      results.append(...items.map(row));
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiFailure && error.status === 0) return message.error(s.searchOffline);
      showFailure(error, message, [box]);
    }
  });
  return form;
}

/**
 * A registration the desk lists (found by a search, or expected now): who, when, their status, and a
 * check-in (or, once in at a blood drive, the donation) with one tap.
 */
function foundRow(person: Found, desk: Desk, checkIn: (code: string) => void, beforeCheckIn: () => void) {
  const s = strings();
  const name = person.name ?? person.code;
  const when = person.window ? windowTime(person.window) : shortTime(person.session.startsAt);
  const item = h(
    'li',
    { class: 'found-row' },
    h(
      'div',
      { class: 'found-who' },
      h('strong', null, person.name ?? '—'),
      h('span', { class: 'meta' }, ` ${person.phone} · ${when} · ${person.session.venue}`),
    ),
    h('span', { class: `status-badge status-${person.status}` }, s.registrationStatus[person.status]),
  );
  if (person.status === 'confirmed' || person.status === 'no_show') {
    item.append(
      on(h('button', { type: 'button', class: 'button' }, s.checkInPerson(name)), 'click', () => {
        beforeCheckIn();
        checkIn(person.code);
      }),
    );
  } else if (person.status === 'checked_in' && isBloodDrive(desk)) {
    const open = on(
      h('button', { type: 'button', class: 'button button-secondary' }, s.donationFor(name)),
      'click',
      () => open.replaceWith(donationStep({ id: person.registrationId, name }, desk)),
    );
    item.append(open);
  }
  return item;
}

/**
 * Who the desk expects now, where the campaign's sessions have appointment windows: the people of
 * the window under way, how many of them are in, and each one's check-in. Drawn again after every
 * check-in and on demand; hidden for campaigns without windows.
 */
function expectedNow(
  desk: Desk,
  scope: { campaignId: string; sessionId?: string },
  checkIn: (code: string) => void,
  signal: AbortSignal,
) {
  const s = strings();
  const day = today();
  const hasWindows = desk.campaign.sessions.some(
    (session) =>
      session.windowMinutes &&
      !session.cancelledAt &&
      session.startsAt.slice(0, 10) === day &&
      (!scope.sessionId || session.id === scope.sessionId),
  );
  const headingId = uniqueId('expected');
  const heading = h('h2', { id: headingId }, s.nowExpectedTitle);
  const count = h('p', { class: 'meta' });
  const list = h('ul', { class: 'found' });
  const message = formMessage();
  const again = h('button', { type: 'button', class: 'button button-secondary' }, s.nowExpectedRefresh);
  const element = h(
    'section',
    { class: 'card expected-now', 'aria-labelledby': headingId, hidden: !hasWindows },
    heading,
    h('p', { class: 'hint' }, s.nowExpectedHint),
    count,
    list,
    message.element,
    h('div', { class: 'actions' }, again),
  );
  const refresh = async () => {
    if (!hasWindows || !navigator.onLine) return;
    try {
      const { items } = await read(api.admin.checkins.expected.$get({ query: scope }, within(signal)));
      message.clear();
      const first = items[0]?.window;
      heading.textContent = first ? s.nowExpectedWindow(windowTime(first)) : s.nowExpectedTitle;
      count.textContent = items.length
        ? s.nowExpectedCount(items.filter((item) => item.status === 'checked_in').length, items.length)
        : s.nowExpectedNone;
      replaceContent(list, ...items.map((item) => foundRow(item, desk, checkIn, () => undefined)));
    } catch (error) {
      if (!signal.aborted) showFailure(error, message);
    }
  };
  on(again, 'click', () => void refresh());
  return { element, refresh };
}
