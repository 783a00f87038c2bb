// The frame around every page of both apps (index.html's title bar, skip link, language switch
// and section links): its words in the current language, the section of the current page, the
// page title, and switching language without losing what was typed.
import { keepFormValues, restoreFormValues } from './form-values.ts';
import { currentPath, refresh } from './router.ts';
import { currentLanguage, switchLanguage } from './strings.ts';
import { words } from './words.ts';

export interface Frame {
  /** The app's name: the brand in the title bar, and the end of every page title. */
  title: string;
  /** The app's first page: the way out of a page that is not there or not allowed. */
  home: { href: string; label: string };
  sectionsLabel: string;
  /** The name of each section link, by its `data-section` in index.html. */
  sections: Record<string, string>;
  /** The section a page address belongs to, if any. */
  sectionOf(path: string): string | null;
}

let frame: () => Frame;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export const home = () => frame().home;

/** The frame's words in the current language, and which section the current page is in. */
export function drawShell() {
  const f = frame();
  const s = words();
  const language = currentLanguage();
  document.documentElement.lang = language;
  byId('brand').textContent = f.title;
  byId('skip-link').textContent = s.skipToContent;
  const switcher = byId<HTMLButtonElement>('language-switch');
  switcher.textContent = s.switchTo;
  switcher.lang = language === 'en' ? 'zh-CN' : 'en';
  switcher.setAttribute('aria-label', s.switchToLabel);
  const nav = byId('sections');
  nav.setAttribute('aria-label', f.sectionsLabel);
  const section = f.sectionOf(currentPath().split('?')[0]!);
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-section]')) {
    link.textContent = f.sections[link.dataset.section!] ?? '';
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

export function setPageTitle(title: string) {
  document.title = `${title} · ${frame().title}`;
}

/** Wires the frame's controls; the router draws it before each page. */
export function startShell(appFrame: () => Frame) {
  frame = appFrame;
  const view = byId('view');
  // The page is drawn again in the other language, keeping what was typed into its forms.
  byId('language-switch').addEventListener('click', async () => {
    switchLanguage();
    const kept = keepFormValues(view);
    await refresh();
    restoreFormValues(view, kept);
  });
  // The skip link focuses the page's content without touching the address the router reads.
  byId('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    view.focus();
  });
}
