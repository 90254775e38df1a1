/**
 * Where to go after signing in. Only paths of this site are followed: an absolute or
 * protocol-relative address in `?retour=` would turn the sign-in page into an open redirect.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** Pages about signing in or up: coming back to them after signing in would make no sense. */
const ACCOUNT_PAGES = ['/connexion', '/inscription', '/mot-de-passe'];

/** The sign-in link from a page: back to that page afterwards (the home page and account pages need no return). */
export function signInHref(here: { pathname: string; search: string }): string {
  if (here.pathname === '/' || ACCOUNT_PAGES.some((page) => here.pathname.startsWith(page))) return '/connexion';
  return `/connexion?retour=${encodeURIComponent(here.pathname + here.search)}`;
}
