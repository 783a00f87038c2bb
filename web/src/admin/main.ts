// The organizer app (/admin/): its own entry, so none of it weighs on the citizen pages. The
// desk's pages (sign-in, campaigns, check-in) come with it; the others load when first opened.
import { api, succeed } from '../api.ts';
import { h } from '../dom.ts';
import { keepFormValues, restoreFormValues } from '../form-values.ts';
import { currentLanguage, setLanguage } from '../i18n.ts';
import { campaignsPage } from './pages/campaigns.ts';
import { checkInPage } from './pages/check-in.ts';
import { signInPage } from './pages/sign-in.ts';
import { navigate, refresh, startRouter, type AdminContext } from './router.ts';
import { canManage, forgetSignIn, me, myOrganization } from './session.ts';
import { strings, type Role } from './strings.ts';
import { messageOf, setPageTitle } from './ui.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const view = byId('view');

type Section = 'campaigns' | 'check-in' | 'texts' | 'staff' | 'audit';

const sectionNames = (s: ReturnType<typeof strings>): Record<Section, string> => ({
  campaigns: s.navCampaigns,
  'check-in': s.navCheckIn,
  texts: s.navTexts,
  staff: s.navStaff,
  audit: s.navAudit,
});

/** The section a page belongs to: a campaign's own desk (/campaigns/:id/check-in) is in check-in. */
function sectionOf(path: string): Section | null {
  if (path.startsWith('/sign-in')) return null;
  if (/(^|\/)check-in(\?|$)/.test(path)) return 'check-in';
  const first = path.split(/[/?]/)[1];
  return first === 'texts' || first === 'staff' || first === 'audit' ? first : 'campaigns';
}

/** Who sees which section: texts and staff for organizers (and admins), the audit log for admins. */
const sectionFor = (section: Section, role: Role) =>
  section === 'audit' ? role === 'admin' : section === 'texts' || section === 'staff' ? canManage(role) : true;

/** The frame's texts in the current language, the section of the current page, and who is signed in. */
function renderShell() {
  const s = strings();
  const language = currentLanguage();
  document.documentElement.lang = language;
  byId('brand').textContent = s.title;
  byId('skip-link').textContent = s.skipToContent;
  const switcher = byId<HTMLButtonElement>('language-switch');
  switcher.textContent = s.switchTo;
  switcher.lang = language === 'en' ? 'zh-CN' : 'en';
  switcher.setAttribute('aria-label', s.switchToLabel);
  const nav = byId('sections');
  nav.setAttribute('aria-label', s.sectionsLabel);
  const section = sectionOf(location.hash.replace(/^#/, '') || '/');
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('a')];
  for (const link of links) {
    link.textContent = sectionNames(s)[link.dataset.section as Section];
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  byId('sign-out').textContent = s.signOut;
  // Who is signed in, once known; the frame shows no staff links before that.
  me().then(
    async (staff) => {
      const organization = await myOrganization();
      byId('who-text').textContent =
        s.signedInAs(staff.email, staff.role) + (organization ? s.ofOrganization(organization.name) : '');
      for (const link of links) link.hidden = !sectionFor(link.dataset.section as Section, staff.role);
      byId('who').hidden = false;
      nav.hidden = false;
    },
    () => {
      byId('who').hidden = true;
      nav.hidden = true;
    },
  );
}

function notFoundPage({ view }: AdminContext) {
  const s = strings();
  setPageTitle(s.notFoundTitle);
  view.append(
    h('h1', null, s.notFoundTitle),
    h('p', null, s.notFoundText, ' ', h('a', { href: '#/' }, s.navCampaigns)),
  );
}

// The skip link jumps to the page's content without touching the hash the router reads.
byId('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  view.focus();
});

byId('language-switch').addEventListener('click', async () => {
  setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
  const kept = keepFormValues(view);
  await refresh();
  restoreFormValues(view, kept);
});

byId('sign-out').addEventListener('click', async () => {
  try {
    await succeed(api.admin.auth.logout.$post());
    forgetSignIn();
    navigate('/sign-in', { replace: true });
  } catch (error) {
    // Still signed in (offline): say so rather than pretend, on a desk phone others pick up.
    byId('who-text').textContent = messageOf(error);
  }
});

void startRouter({
  view,
  // The desk's pages come with the app; the others load when first opened.
  routes: [
    { path: '/', page: campaignsPage },
    { path: '/sign-in', page: signInPage },
    { path: '/check-in', page: checkInPage },
    {
      path: '/campaigns/new',
      page: async (context) => (await import('./pages/campaign-form.ts')).newCampaignPage(context),
    },
    { path: '/campaigns/:id', page: async (context) => (await import('./pages/campaign.ts')).campaignPage(context) },
    {
      path: '/campaigns/:id/edit',
      page: async (context) => (await import('./pages/campaign-form.ts')).editCampaignPage(context),
    },
    { path: '/campaigns/:id/roster', page: async (context) => (await import('./pages/roster.ts')).rosterPage(context) },
    { path: '/campaigns/:id/stats', page: async (context) => (await import('./pages/stats.ts')).statsPage(context) },
    { path: '/campaigns/:id/check-in', page: checkInPage },
    { path: '/campaigns/:id/quiz', page: async (context) => (await import('./pages/quiz.ts')).quizAdminPage(context) },
    { path: '/texts', page: async (context) => (await import('./pages/texts.ts')).textsPage(context) },
    { path: '/staff', page: async (context) => (await import('./pages/staff.ts')).staffPage(context) },
    { path: '/audit', page: async (context) => (await import('./pages/audit.ts')).auditPage(context) },
    {
      path: '/emergency-donors',
      page: async (context) => (await import('./pages/emergency-donors.ts')).emergencyDonorsPage(context),
    },
  ],
  notFound: notFoundPage,
  beforeRender: renderShell,
});
