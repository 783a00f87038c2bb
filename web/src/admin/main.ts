// The organizer app (/admin/): its own entry, so none of it weighs on the citizen pages. The
// desk's pages (sign-in, campaigns, check-in) come with it; the others load when first opened.
import { ApiFailure, api, succeed } from '../foundation/api.ts';
import { notFoundPage } from '../foundation/page.ts';
import { navigate, startRouter } from '../foundation/router.ts';
import { drawShell, startShell } from '../foundation/shell.ts';
import { campaignsPage } from './pages/campaigns.ts';
import { checkInPage } from './pages/check-in.ts';
import { signInPage } from './pages/sign-in.ts';
import { canManage, forgetSignIn, me, myOrganization } from './login.ts';
import { strings, type Role } from './strings.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

type Section = 'campaigns' | 'check-in' | 'texts' | 'staff' | 'organizations' | 'audit';

/**
 * The section a page belongs to: a campaign's own desk (/campaigns/:id/check-in) is in check-in;
 * one's own password is in none.
 */
function sectionOf(path: string): Section | null {
  if (path.startsWith('/sign-in') || path === '/password') return null;
  if (/(^|\/)check-in$/.test(path)) return 'check-in';
  const first = path.split('/')[1];
  return first === 'texts' || first === 'staff' || first === 'organizations' || first === 'audit' ? first : 'campaigns';
}

/**
 * Who sees which section: notifications, staff and the audit log (their organization's) for organizers
 * and admins; the city's organizations for admins.
 */
const sectionFor = (section: Section, role: Role) =>
  section === 'organizations'
    ? role === 'admin'
    : section === 'texts' || section === 'staff' || section === 'audit'
      ? canManage(role)
      : true;

startShell(() => {
  const s = strings();
  return {
    title: s.title,
    home: { href: '#/', label: s.navCampaigns },
    sectionsLabel: s.sectionsLabel,
    sections: {
      campaigns: s.navCampaigns,
      'check-in': s.navCheckIn,
      texts: s.navNotifications,
      staff: s.navStaff,
      organizations: s.navOrganizations,
      audit: s.navAudit,
    },
    sectionOf,
  };
});

/** Who is signed in, once known, and the sections their role may use; none before that. */
function showWhoIsSignedIn() {
  const s = strings();
  const nav = byId('sections');
  byId('sign-out').textContent = s.signOut;
  byId('my-password').textContent = s.myPassword;
  me().then(
    async (staff) => {
      const organization = await myOrganization();
      byId('who-text').textContent =
        s.signedInAs(staff.email, staff.role) + (organization ? s.ofOrganization(organization.name) : '');
      for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-section]'))
        link.hidden = !sectionFor(link.dataset.section as Section, staff.role);
      byId('who').hidden = false;
      nav.hidden = false;
    },
    () => {
      byId('who').hidden = true;
      nav.hidden = true;
    },
  );
}

byId('sign-out').addEventListener('click', async () => {
  try {
    await succeed(api.admin.auth.logout.$post());
    forgetSignIn();
    navigate('/sign-in', { replace: true });
  } catch (error) {
    // Still signed in (offline): say so rather than pretend, on a desk phone others pick up.
    byId('who-text').textContent = error instanceof ApiFailure ? error.message : strings().failed;
  }
});

void startRouter({
  view: byId('view'),
  addresses: 'hash',
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
    { path: '/campaigns/:id/teams', page: async (context) => (await import('./pages/groups.ts')).groupsPage(context) },
    { path: '/campaigns/:id/stats', page: async (context) => (await import('./pages/stats.ts')).statsPage(context) },
    { path: '/campaigns/:id/check-in', page: checkInPage },
    { path: '/campaigns/:id/quiz', page: async (context) => (await import('./pages/quiz.ts')).quizAdminPage(context) },
    { path: '/finals/:id', page: async (context) => (await import('./pages/final-host.ts')).finalHostPage(context) },
    { path: '/texts', page: async (context) => (await import('./pages/notifications.ts')).notificationsPage(context) },
    { path: '/staff', page: async (context) => (await import('./pages/staff.ts')).staffPage(context) },
    {
      path: '/organizations',
      page: async (context) => (await import('./pages/organizations.ts')).organizationsPage(context),
    },
    { path: '/password', page: async (context) => (await import('./pages/password.ts')).passwordPage(context) },
    { path: '/audit', page: async (context) => (await import('./pages/audit.ts')).auditPage(context) },
    {
      path: '/emergency-donors',
      page: async (context) => (await import('./pages/emergency-donors.ts')).emergencyDonorsPage(context),
    },
  ],
  notFound: notFoundPage,
  beforeRender: () => {
    drawShell();
    showWhoIsSignedIn();
  },
});
