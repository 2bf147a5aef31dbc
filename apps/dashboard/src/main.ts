import { el } from './dom.js';
import { initI18n, t, switchLanguage } from './i18n.js';
import { renderBenchmarks } from './pages/benchmarks.page.js';
import { renderOverview } from './pages/overview.page.js';
import { renderRetrofit, renderRetrofitList } from './pages/retrofits.page.js';
import { renderSignIn } from './pages/sign-in.page.js';
import { ApiFailure, onSessionChange, session, signOut } from './session.js';

/**
 * Hash routes (#/retrofits, #/retrofits/{id}, #/benchmarks?…, #/overview?…): the platform serves
 * one static index.html at `/`, so no server-side fallback route is needed.
 */
const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const langButton = document.getElementById('lang-switch') as HTMLButtonElement;

const PAGES = [
  { route: '#/overview', label: 'nav.overview' },
  { route: '#/retrofits', label: 'nav.retrofits' },
  { route: '#/benchmarks', label: 'nav.benchmarks' },
] as const;

/** The region the pages show: an official's own; the province for operators. */
const regionOf = (): string => session()?.regionCode ?? '440000';

function renderChrome(path: string): void {
  document.title = t('app.title');
  document.getElementById('app-title')!.textContent = t('app.title');
  langButton.textContent = t('lang.switch');
  signOutButton.textContent = t('auth.signOut');
  const current = session();
  signOutButton.hidden = !current;
  who.textContent = current
    ? t('auth.who', {
        username: current.username,
        role: t(`role.${current.role}`),
        region: current.regionCode ?? '—',
      })
    : '';
  nav.replaceChildren(
    ...(current
      ? PAGES.map((p) =>
          el(
            'a',
            { href: p.route, 'aria-current': path.startsWith(p.route) ? 'page' : undefined },
            t(p.label),
          ),
        )
      : []),
  );
}

async function route(): Promise<void> {
  const [path = '', query = ''] = location.hash.split('?');
  const params = new URLSearchParams(query);
  renderChrome(path);
  const current = session();
  if (!current) {
    renderSignIn(main);
    return;
  }
  main.replaceChildren(el('p', {}, t('common.loading')));
  try {
    const retrofit = /^#\/retrofits\/([^/]+)$/.exec(path);
    if (retrofit) await renderRetrofit(main, decodeURIComponent(retrofit[1]!));
    else if (path === '#/benchmarks') await renderBenchmarks(main, params);
    else if (path === '#/overview') await renderOverview(main, regionOf(), params, current.role);
    else await renderRetrofitList(main, regionOf());
  } catch (error) {
    if (!session()) return; // the session ended mid-request: the sign-in page is already up
    const message = error instanceof ApiFailure ? `${error.message} (${error.code})` : String(error);
    main.replaceChildren(
      el('section', {}, el('p', { class: 'error', role: 'alert' }, t('common.error', { message }))),
    );
  }
}

async function start(): Promise<void> {
  await initI18n();
  langButton.addEventListener('click', () => void switchLanguage().then(route));
  signOutButton.addEventListener('click', () => {
    // The hash first: the session listener below then knows this end was asked for.
    location.hash = '#/sign-in';
    void signOut();
  });
  onSessionChange((next) => {
    // Expired or revoked: back to the sign-in page with a word of why.
    if (!next && !location.hash.startsWith('#/sign-in')) {
      renderChrome('');
      renderSignIn(main, t('auth.expired'));
    }
  });
  // The skip link must not change the hash: the hash is the route.
  document.querySelector('a.skip')!.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();
