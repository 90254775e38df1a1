import type { pwaFr } from './pwa.fr';

/** The installable app: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const pwaEn: Record<keyof typeof pwaFr, string> = {
  'pwa.offline': 'Offline: you are reading a saved copy',
};

export default pwaEn;
