import type { notFoundFr } from './not-found.fr';

/** The page for an unknown address: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const notFoundEn: Record<keyof typeof notFoundFr, string> = {
  'notFound.title': 'Page not found',
  'notFound.text': 'The page you asked for does not exist or has moved.',
  'notFound.home': 'Back to the home page',
};
export default notFoundEn;
