// The "健康达人" certificate: the finalist's own, printable on one A4 page (reached through their
// personal link, so it carries the full name), and the public check of its verification code.
import { api, read, within } from '../foundation/api.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import '../final/final.css';
import { finalStrings } from '../final/strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

export async function certificatePage({ view, params, signal }: PageContext) {
  const s = finalStrings();
  const { finalist } = await read(
    api.quiz.finalists[':token'].$get({ param: { token: params.token! } }, within(signal)),
  );
  setPageTitle(s.certificateTitle);
  const result = finalist.result;
  if (!result?.certificateCode) {
    replaceContent(view, h('p', { class: 'status' }, s.notYet));
    return;
  }
  const checkUrl = `${location.origin}/certificates/${result.certificateCode}`;
  replaceContent(
    view,
    h(
      'p',
      { class: 'no-print' },
      on(h('button', { type: 'button', class: 'button' }, s.print), 'click', () => window.print()),
    ),
    h(
      'article',
      { class: 'certificate' },
      h('h1', null, s.certificateTitle),
      h('p', { class: 'certificate-heading' }, `「${s.certificateHeading}」`),
      h(
        'p',
        { class: 'certificate-body' },
        s.certificateBody(finalist.name, finalist.season, s.place(result.rank, result.prize)),
      ),
      h(
        'dl',
        { class: 'certificate-meta' },
        h('dt', null, s.issuedBy),
        h('dd', null, finalist.organization),
        h('dt', null, s.issuedOn),
        h('dd', null, result.issuedOn ?? ''),
        h('dt', null, s.verificationCode),
        h('dd', { class: 'certificate-code' }, result.certificateCode),
      ),
      h('p', { class: 'final-rule' }, s.verifyAt(checkUrl)),
    ),
  );
}

export async function certificateCheckPage({ view, params, signal }: PageContext) {
  const s = finalStrings();
  setPageTitle(s.checkTitle);
  const { certificate } = await read(api.certificates[':code'].$get({ param: { code: params.code! } }, within(signal)));
  const row = (label: string, value: string | number) => [h('dt', null, label), h('dd', null, value)];
  replaceContent(
    view,
    h('h1', null, s.checkTitle),
    h('p', { class: 'notice' }, s.checkValid),
    h(
      'dl',
      { class: 'certificate-check' },
      ...row(s.checkName, certificate.name),
      ...row(s.checkRank, s.place(certificate.rank, certificate.prize)),
      ...row(s.checkSeason, certificate.season),
      ...row(s.checkFinal, certificate.final),
      ...row(s.issuedBy, certificate.organization),
      ...row(s.issuedOn, certificate.issuedOn ?? ''),
      ...row(s.verificationCode, certificate.code),
    ),
  );
}
