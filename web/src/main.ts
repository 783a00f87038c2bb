// The web shell: published campaigns from the API, in Chinese with an English switch.
import { api, errorMessage } from './api.ts';
import { currentLanguage, setLanguage, strings } from './i18n.ts';

const kinds = ['blood_drive', 'outreach', 'cpr_training', 'quiz'] as const;
type Kind = (typeof kinds)[number];

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const list = element<HTMLUListElement>('campaigns');
const status = element<HTMLParagraphElement>('status');
const nav = element<HTMLElement>('kinds');

let selectedKind: Kind | undefined;

function renderChrome() {
  const s = strings();
  document.documentElement.lang = currentLanguage();
  document.title = s.documentTitle;
  element('app-title').textContent = s.title;
  const switcher = element<HTMLButtonElement>('language-switch');
  switcher.textContent = s.switchTo;
  switcher.lang = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  nav.setAttribute('aria-label', s.kindsLabel);
  nav.replaceChildren(
    ...[undefined, ...kinds].map((kind) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = kind ? s[kind] : s.all;
      button.setAttribute('aria-pressed', String(kind === selectedKind));
      button.addEventListener('click', () => {
        selectedKind = kind;
        renderChrome();
        void loadCampaigns();
      });
      return button;
    }),
  );
}

async function loadCampaigns() {
  const s = strings();
  status.textContent = s.loading;
  list.setAttribute('aria-busy', 'true');
  try {
    const response = await api.campaigns.$get({ query: selectedKind ? { kind: selectedKind } : {} });
    if (!response.ok) throw new Error(await errorMessage(response, s.failed));
    const { items } = await response.json();
    list.replaceChildren(
      ...items.map((campaign) => {
        const item = document.createElement('li');
        item.className = `campaign kind-${campaign.kind}`;
        const kind = document.createElement('span');
        kind.className = 'badge';
        kind.textContent = s[campaign.kind];
        const title = document.createElement('h2');
        title.textContent = campaign.title;
        const summary = document.createElement('p');
        summary.textContent = campaign.summary;
        const meta = document.createElement('p');
        meta.className = 'meta';
        meta.textContent = `${s.dates(campaign.startsOn, campaign.endsOn)} · ${campaign.organization.name}`;
        item.append(kind, title, summary, meta);
        return item;
      }),
    );
    status.textContent = items.length === 0 ? s.empty : '';
  } catch (error) {
    list.replaceChildren();
    status.textContent = error instanceof Error && error.message ? error.message : s.failed;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = s.retry;
    retry.addEventListener('click', () => void loadCampaigns());
    status.append(' ', retry);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

element('language-switch').addEventListener('click', () => {
  setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
  renderChrome();
  void loadCampaigns();
});

renderChrome();
void loadCampaigns();
