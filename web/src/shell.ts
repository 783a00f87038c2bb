// The frame around every page: the title bar, the language switch and the main sections.
import { currentLanguage, setLanguage, strings } from './i18n.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The links of index.html's section bar, by href. */
const sections = [
  { href: '/', label: 'navCampaigns', owns: (path: string) => path === '/' || path.startsWith('/campaigns') },
  { href: '/me/sign-ups', label: 'navSignUps', owns: (path: string) => path.startsWith('/me/sign-ups') },
  { href: '/me', label: 'navProfile', owns: (path: string) => path === '/me' || path === '/sign-in' },
] as const;

/** Texts of the frame in the current language, and which section the current page is in. */
export function renderShell() {
  const s = strings();
  const language = currentLanguage();
  document.documentElement.lang = language;
  byId('brand').textContent = s.title;
  const switcher = byId<HTMLButtonElement>('language-switch');
  switcher.textContent = s.switchTo;
  switcher.lang = language === 'en' ? 'zh-CN' : 'en';
  switcher.setAttribute('aria-label', s.switchToLabel);
  const nav = byId('sections');
  nav.setAttribute('aria-label', s.sectionsLabel);
  nav.querySelectorAll('a').forEach((link) => {
    const section = sections.find((candidate) => candidate.href === link.getAttribute('href'));
    if (!section) return;
    link.textContent = s[section.label];
    if (section.owns(location.pathname)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  byId('skip-link').textContent = s.skipToContent;
}

export function setPageTitle(title: string) {
  document.title = `${title} · ${strings().title}`;
}

export function onLanguageSwitch(redraw: () => void) {
  byId('language-switch').addEventListener('click', () => {
    setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
    renderShell();
    redraw();
  });
}
