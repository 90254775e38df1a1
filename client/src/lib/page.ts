import { createRenderEffect, createSignal } from 'solid-js';
import { t } from './i18n';

/**
 * Whether the person has moved from one page to another in this visit. On the first page the
 * browser's own focus order (skip link first) is right; after a client-side navigation focus
 * must move to the new page's heading, as a full page load would announce it.
 */
const [hasNavigated, setHasNavigated] = createSignal(false);

export { hasNavigated };
export const markNavigated = () => setHasNavigated(true);

/** Sets `document.title` to "<page> — Atelier des transitions", following the language. */
export function usePageTitle(title: () => string) {
  createRenderEffect(() => {
    const page = title();
    const site = t('page.titleSuffix');
    document.title = page && page !== site ? `${page} — ${site}` : site;
  });
}
