// Hash routes: '#/overview', '#/documents', '#/doc/<id>', ... Hash routing works unchanged under
// http://127.0.0.1 and verity://app, and the browser's back button moves between screens.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'start' }
  | { name: 'scan' }
  | { name: 'overview' }
  | { name: 'documents'; params: URLSearchParams }
  | { name: 'doc'; id: string; tab: string | null }
  | { name: 'people'; sender: string | null }
  | { name: 'export' };

function parseRoute(hash: string): Route | null {
  const h = hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case 'start':
      return { name: 'start' };
    case 'scan':
      return { name: 'scan' };
    case 'overview':
      return { name: 'overview' };
    case 'documents':
      return { name: 'documents', params };
    case 'doc':
      return parts[1] ? { name: 'doc', id: parts[1], tab: parts[2] ?? null } : null;
    case 'people':
      return { name: 'people', sender: parts[1] ?? null };
    case 'export':
      return { name: 'export' };
    default:
      return null;
  }
}

export const href = {
  start: () => '#/start',
  scan: () => '#/scan',
  overview: () => '#/overview',
  documents: (filters?: Record<string, string>) => `#/documents${filters ? `?${new URLSearchParams(filters)}` : ''}`,
  doc: (id: string, tab?: string) => `#/doc/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`,
  people: (sender?: string) => `#/people${sender ? `/${encodeURIComponent(sender)}` : ''}`,
  export: () => '#/export',
};

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useHashRoute(): Route | null {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    window.addEventListener('popstate', on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('popstate', on);
    };
  }, []);
  return parseRoute(hash);
}
