// Boot: get the session (cookie + CSRF token) before anything else talks to the server, then
// render the page the URL names, and again whenever it changes.

import './styles.css';
import { loadSession } from './api.js';
import { errorNotice } from './components/error-notice.js';
import { h, replace } from './dom.js';
import { labSocket } from './lab-socket.js';
import { parseRoute, type View } from './router.js';
import { accessMatrixPage } from './views/access-matrix-page.js';
import { catalogPage } from './views/catalog-page.js';

const main = document.getElementById('main')!;
let view: View | undefined;
let navigation = 0;

async function render(): Promise<void> {
  const mine = ++navigation;
  view?.dispose?.();
  view = undefined;
  replace(main, [h('p', { class: 'loading', text: 'Loading…', attrs: { role: 'status' } })]);
  main.setAttribute('aria-busy', 'true');
  const route = parseRoute(location.hash);
  let next: View;
  try {
    const socket = labSocket();
    switch (route.page) {
      case 'catalog':
        next = await catalogPage();
        break;
      case 'scenario': {
        // The terminal (xterm.js) is most of the bundle: load it only where it is used.
        const { scenarioPage } = await import('./views/scenario-page.js');
        next = await scenarioPage(route.id, socket);
        break;
      }
      case 'access':
        next = accessMatrixPage();
        break;
      case 'not-found':
        next = { title: 'Not found', element: h('div', {}, [h('h1', { text: 'No such page', attrs: { tabindex: -1 } }), h('p', {}, [`Nothing lives at ${route.path}. `, h('a', { text: 'See all scenarios', attrs: { href: '#/' } })])]) };
        break;
    }
  } catch (e) {
    next = { title: 'Error', element: h('div', {}, [h('h1', { text: 'This page could not be loaded', attrs: { tabindex: -1 } }), errorNotice(e)]) };
  }
  if (mine !== navigation) {
    next.dispose?.();
    return;
  }
  view = next;
  replace(main, [next.element]);
  main.removeAttribute('aria-busy');
  document.title = `${next.title} · kubelab`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    const current = link.getAttribute('href') === (location.hash || '#/') || (link.getAttribute('href') === '#/' && route.page === 'scenario');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Moving focus to the new heading tells screen-reader users the page changed.
  if (mine > 1) next.element.querySelector<HTMLElement>('h1')?.focus();
}

async function boot(): Promise<void> {
  // The skip link cannot use #main: the hash names the page.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  try {
    await loadSession();
  } catch (e) {
    replace(main, [h('h1', { text: 'The lab is not reachable' }), errorNotice(e)]);
    return;
  }
  window.addEventListener('hashchange', () => void render());
  await render();
}

void boot();
