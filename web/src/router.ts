// Hash routes (#/, #/scenarios/ID, #/access), so a reload lands on the same page without the
// server knowing the front end's paths.

export interface View {
  title: string;
  element: HTMLElement;
  dispose?(): void;
}

export type Route = { page: 'catalog' } | { page: 'scenario'; id: string } | { page: 'access' } | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { page: 'catalog' };
  if (path === '/access') return { page: 'access' };
  const scenario = /^\/scenarios\/([^/]+)$/.exec(path);
  if (scenario?.[1]) return { page: 'scenario', id: decodeURIComponent(scenario[1]) };
  return { page: 'not-found', path };
}
