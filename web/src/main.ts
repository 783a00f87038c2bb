// The citizen web app: routes to pages, in Chinese with an English switch. The quiz pages load
// when first opened, so the pages everyone opens first stay light.
import { h } from './dom.ts';
import { keepFormValues, restoreFormValues } from './form-values.ts';
import { strings } from './i18n.ts';
import { campaignPage } from './pages/campaign.ts';
import { campaignListPage } from './pages/campaign-list.ts';
import { mySignUpsPage } from './pages/my-sign-ups.ts';
import { profilePage } from './pages/profile.ts';
import { registrationPage } from './pages/registration.ts';
import { signInPage } from './pages/sign-in.ts';
import { signUpPage } from './pages/sign-up.ts';
import { refresh, startRouter, type PageContext } from './router.ts';
import { onLanguageSwitch, renderShell, setPageTitle } from './shell.ts';

function notFoundPage({ view }: PageContext) {
  const s = strings();
  setPageTitle(s.notFoundTitle);
  view.append(h('h1', null, s.notFoundTitle), h('p', null, s.notFoundText, ' ', h('a', { href: '/' }, s.allCampaigns)));
}

const view = document.getElementById('view')!;
renderShell();
// The page is drawn again in the other language, keeping what was typed into its forms.
onLanguageSwitch(async () => {
  const kept = keepFormValues(view);
  await refresh();
  restoreFormValues(view, kept);
});
startRouter({
  view,
  routes: [
    { path: '/', page: campaignListPage },
    { path: '/campaigns/:id', page: campaignPage },
    { path: '/campaigns/:campaignId/slots/:slotId/sign-up', page: signUpPage },
    { path: '/sign-in', page: signInPage },
    { path: '/me', page: profilePage },
    { path: '/me/sign-ups', page: mySignUpsPage },
    { path: '/me/sign-ups/:id', page: registrationPage },
    // The quiz pages load when first opened: the campaign list stays light.
    { path: '/quiz/:seasonId', page: async (context) => (await import('./pages/quiz.ts')).quizPage(context) },
    {
      path: '/quiz/:seasonId/leaderboard',
      page: async (context) => (await import('./pages/quiz-leaderboard.ts')).quizLeaderboardPage(context),
    },
  ],
  notFound: notFoundPage,
  onRender: renderShell,
});
