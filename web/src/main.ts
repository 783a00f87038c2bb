// The citizen web app: routes to pages, in Chinese with an English switch. The quiz pages load
// when first opened, so the pages everyone opens first stay light.
import { notFoundPage } from './foundation/page.ts';
import { startRouter } from './foundation/router.ts';
import { drawShell, startShell } from './foundation/shell.ts';
import { campaignPage } from './pages/campaign.ts';
import { campaignListPage } from './pages/campaign-list.ts';
import { myRegistrationsPage } from './pages/my-registrations.ts';
import { profilePage } from './pages/profile.ts';
import { registrationPage } from './pages/registration.ts';
import { signInPage } from './pages/sign-in.ts';
import { signUpPage } from './pages/sign-up.ts';
import { invitationPage, groupHoldPage, groupSignUpPage } from './pages/group.ts';
import { strings } from './strings.ts';

startShell(() => {
  const s = strings();
  return {
    title: s.title,
    home: { href: '/', label: s.allCampaigns },
    sectionsLabel: s.sectionsLabel,
    sections: { campaigns: s.navCampaigns, registrations: s.navRegistrations, profile: s.navProfile },
    sectionOf: (path) =>
      path === '/' || path.startsWith('/campaigns')
        ? 'campaigns'
        : path.startsWith('/me/sign-ups') || path.startsWith('/me/donor') || path === '/me/volunteering'
          ? 'registrations'
          : path === '/me' || path === '/sign-in'
            ? 'profile'
            : null,
  };
});

void startRouter({
  view: document.getElementById('view')!,
  addresses: 'path',
  routes: [
    { path: '/', page: campaignListPage },
    { path: '/campaigns/:id', page: campaignPage },
    { path: '/campaigns/:campaignId/slots/:slotId/sign-up', page: signUpPage },
    { path: '/campaigns/:campaignId/slots/:slotId/team', page: groupHoldPage },
    { path: '/groups/:code', page: invitationPage },
    { path: '/groups/:code/join', page: groupSignUpPage },
    { path: '/sign-in', page: signInPage },
    { path: '/me', page: profilePage },
    { path: '/me/sign-ups', page: myRegistrationsPage },
    { path: '/me/sign-ups/:id', page: registrationPage },
    {
      path: '/me/sign-ups/:id/move',
      page: async (context) => (await import('./pages/reschedule.ts')).reschedulePage(context),
    },
    // The donor's record and card, and the card's public check: loaded only when opened.
    { path: '/me/donor', page: async (context) => (await import('./pages/donor-record.ts')).donorRecordPage(context) },
    {
      path: '/me/volunteering',
      page: async (context) => (await import('./pages/volunteering.ts')).volunteeringPage(context),
    },
    { path: '/me/donor/card', page: async (context) => (await import('./pages/donor-card.ts')).donorCardPage(context) },
    {
      path: '/donor-cards/:token',
      page: async (context) => (await import('./pages/donor-card.ts')).donorCardCheckPage(context),
    },
    // The quiz pages load when first opened: the campaign list stays light.
    { path: '/quiz/:seasonId', page: async (context) => (await import('./pages/quiz.ts')).quizPage(context) },
    {
      path: '/quiz/:seasonId/leaderboard',
      page: async (context) => (await import('./pages/quiz-leaderboard.ts')).quizLeaderboardPage(context),
    },
    {
      path: '/quiz/:seasonId/me',
      page: async (context) => (await import('./pages/quiz-mine.ts')).quizStatsPage(context),
    },
    {
      path: '/quiz/:seasonId/mistakes',
      page: async (context) => (await import('./pages/quiz-mine.ts')).quizMistakesPage(context),
    },
    {
      path: '/quiz/:seasonId/practice',
      page: async (context) => (await import('./pages/quiz-mine.ts')).quizPracticePage(context),
    },
    // The live final and its certificates: loaded only when opened.
    { path: '/final/:id', page: async (context) => (await import('./pages/final.ts')).finalAudiencePage(context) },
    {
      path: '/final/play/:token',
      page: async (context) => (await import('./pages/final.ts')).finalPlayerPage(context),
    },
    {
      path: '/final/play/:token/certificate',
      page: async (context) => (await import('./pages/certificate.ts')).certificatePage(context),
    },
    {
      path: '/certificates/:code',
      page: async (context) => (await import('./pages/certificate.ts')).certificateCheckPage(context),
    },
  ],
  notFound: notFoundPage,
  beforeRender: drawShell,
});
