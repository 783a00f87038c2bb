// The citizen web app: routes to pages, in Chinese with an English switch.
// Quiz (/quiz/…) and organizer (/admin/…) pages join the table below; organizer pages should
// load lazily (page: async (context) => (await import('./admin/…')).page(context)) so the
// citizen pages stay light.
import { h } from './dom.ts';
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

renderShell();
onLanguageSwitch(refresh);
startRouter({
  view: document.getElementById('view')!,
  routes: [
    { path: '/', page: campaignListPage },
    { path: '/campaigns/:id', page: campaignPage },
    { path: '/campaigns/:campaignId/slots/:slotId/sign-up', page: signUpPage },
    { path: '/sign-in', page: signInPage },
    { path: '/me', page: profilePage },
    { path: '/me/sign-ups', page: mySignUpsPage },
    { path: '/me/sign-ups/:id', page: registrationPage },
  ],
  notFound: notFoundPage,
  onRender: renderShell,
});
