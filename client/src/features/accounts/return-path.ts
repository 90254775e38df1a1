/**
 * Where to go after signing in. Only paths of this site are followed: an absolute or
 * protocol-relative address in `?retour=` would turn the sign-in page into an open redirect.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
