// The check-in desk, made for a phone: type the booking code or scan the pass's QR code, and
// see at once, big, in colour and in words, who it is and whether they may go in. At a blood
// drive's desk the donation is recorded with the check-in; organizers can undo a mistaken one.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../../foundation/api.ts';
import { backLink } from '../../foundation/back-link.ts';
import { append, h, on, replaceContent } from '../../foundation/dom.ts';
import { choiceField, FieldList, field } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import type { CameraProblem } from '../scanner.ts';
import { canManage, me, type Staff } from '../session.ts';
import { strings, type DonationKind } from '../strings.ts';
import { shortTime } from '../time.ts';

type Campaign = InferResponseType<(typeof api.admin.campaigns)[':id']['$get'], 200>['campaign'];
type CampaignItem = InferResponseType<typeof api.admin.campaigns.$get, 200>['items'][number];
type CheckedIn = InferResponseType<typeof api.admin.checkins.$post, 200>['registration'];

/** What the desk shows after a code: each refusal the API can give, in plain words. */
type Outcome =
  | { kind: 'ok'; registration: CheckedIn }
  | { kind: 'already' | 'cancelled' | 'waitlisted' | 'unknown'; code: string; message: string };

const refusals: Record<string, 'already' | 'cancelled' | 'waitlisted'> = {
  already_checked_in: 'already',
  registration_cancelled: 'cancelled',
  not_confirmed: 'waitlisted',
};

/** The booking code as people read it: "K7M2 9QXD". */
const spaced = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

function outcomeCard(outcome: Outcome, campaign: Campaign | undefined, staff: Staff, next: () => void): HTMLElement {
  const s = strings();
  const nextButton = on(h('button', { type: 'button', class: 'button button-secondary' }, s.nextCode), 'click', next);
  if (outcome.kind !== 'ok') {
    const [title, tone, mark] = {
      already: [s.resultAlready, 'warn', '!'],
      waitlisted: [s.resultWaitlisted, 'warn', '!'],
      cancelled: [s.resultCancelled, 'bad', '✕'],
      unknown: [s.resultUnknown, 'bad', '✕'],
    }[outcome.kind];
    const hint = outcome.kind === 'unknown' ? s.resultUnknownText : s.resultHint[outcome.kind];
    return h(
      'section',
      { class: `result result-${tone}`, 'aria-label': title },
      h('p', { class: 'result-title' }, h('span', { class: 'result-mark', 'aria-hidden': 'true' }, mark), title),
      h('p', { class: 'result-code code' }, spaced(outcome.code)),
      outcome.kind === 'unknown' ? null : h('p', null, outcome.message),
      h('p', null, hint),
      h('div', { class: 'actions' }, nextButton),
    );
  }
  const registration = outcome.registration;
  const undoMessage = formMessage();
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
      h('div', null, h('dt', null, s.bookingCode), h('dd', { class: 'code' }, spaced(registration.code))),
      registration.donation
        ? h('div', null, h('dt', null, s.donated), h('dd', null, s.donation[registration.donation.kind]))
        : null,
    ),
    campaign && registration.campaign.id !== campaign.id
      ? h('p', { class: 'notice' }, s.otherCampaign(registration.campaign.title))
      : campaign
        ? null
        : h('p', { class: 'meta' }, registration.campaign.title),
  );
  const actions = h('div', { class: 'actions' }, nextButton);
  if (canManage(staff.role)) {
    const undo = h('button', { type: 'button', class: 'button-quiet' }, s.undo);
    on(undo, 'click', async () => {
      try {
        await whileBusy(undo, undoMessage, s.undoing, () =>
          read(
            api.admin.registrations[':id'].$patch({ param: { id: registration.id }, json: { status: 'confirmed' } }),
          ),
        );
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
          h('p', null, s.undoDone(registration.name ?? spaced(registration.code))),
          h('div', { class: 'actions' }, nextButton),
        );
        nextButton.focus();
      } catch (error) {
        showFailure(error, undoMessage);
      }
    });
    actions.append(undo);
  }
  card.append(actions, undoMessage.element);
  return card;
}

/** Links to each campaign's own desk (where a blood drive records donations). */
function campaignDesks(campaigns: CampaignItem[]) {
  const s = strings();
  const open = campaigns.filter((campaign) => campaign.status === 'published');
  if (open.length === 0) return null;
  return h(
    'section',
    { class: 'card' },
    h('h2', null, s.desksTitle),
    h(
      'ul',
      { class: 'desk-links' },
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
}

export function checkInPage(context: PageContext) {
  const s = strings();
  const campaignId = context.params.id;
  return loadPage(
    context,
    async () => ({
      staff: await me(),
      ...(campaignId
        ? {
            campaign: (
              await read(api.admin.campaigns[':id'].$get({ param: { id: campaignId } }, within(context.signal)))
            ).campaign,
            campaigns: [],
          }
        : {
            campaign: undefined,
            campaigns: (await read(api.admin.campaigns.$get({ query: {} }, within(context.signal)))).items,
          }),
    }),
    ({ staff, campaign, campaigns }) => {
      const title = campaign ? s.checkInAt(campaign.title) : s.checkInTitle;
      setPageTitle(title);
      const view = context.view;

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
      // At a blood drive the donation is recorded with the check-in; it starts at "none" each time.
      const donation =
        campaign?.kind === 'blood_drive'
          ? choiceField({
              path: 'donated',
              label: s.donated,
              hint: s.donatedHint,
              value: '',
              choices: [
                { value: '', label: s.donatedNone },
                { value: 'whole_blood', label: s.donation.whole_blood },
                { value: 'platelets', label: s.donation.platelets },
              ],
            })
          : null;
      const chosenDonation = () => (donation?.value() || undefined) as DonationKind | undefined;
      const fields = new FieldList([code, donation]);

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
      const form = h(
        'form',
        { class: 'form card desk', novalidate: true },
        code.element,
        donation?.element,
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
              void checkIn();
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

      const next = () => {
        replaceContent(result);
        code.control.value = '';
        if (scannedLast) void startCamera();
        code.control.focus();
      };
      const show = (outcome: Outcome) => {
        replaceContent(result, outcomeCard(outcome, campaign, staff, next));
        // The keyboard goes away so the whole result shows on a phone.
        code.control.blur();
        result.scrollIntoView({ block: 'nearest' });
        for (const radio of donation?.element.querySelectorAll<HTMLInputElement>('input') ?? [])
          radio.checked = radio.value === '';
      };

      async function checkIn() {
        message.clear();
        if (!fields.checkAll()) return;
        const typed = typedCode();
        replaceContent(result);
        try {
          const donated = chosenDonation();
          const { registration } = await whileBusy(submit, message, s.checkingIn, () =>
            read(
              api.admin.checkins.$post({ json: { code: typed, ...(donated && { donated }) } }, within(context.signal)),
            ),
          );
          message.clear();
          show({ kind: 'ok', registration });
        } catch (error) {
          if (context.signal.aborted) return;
          if (error instanceof ApiFailure && (error.status === 404 || refusals[error.code])) {
            message.clear();
            return show({
              kind: error.status === 404 ? 'unknown' : refusals[error.code]!,
              code: typed,
              message: error.message,
            });
          }
          // Offline or slow: the code stays in the box, and the button sends it again.
          showFailure(error, message, fields);
        }
      }
      on(form, 'submit', (event) => {
        event.preventDefault();
        scannedLast = false;
        void checkIn();
      });

      append(view, [
        campaign ? backLink(`/campaigns/${encodeURIComponent(campaign.id)}`, campaign.title) : null,
        h('h1', null, title),
        form,
        camera,
        result,
        campaign ? null : campaignDesks(campaigns),
      ]);
      code.control.focus();
    },
  );
}
