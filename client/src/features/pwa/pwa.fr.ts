/** The installable app: the offline notice. French, the source of truth. */
export const pwaFr = {
  'pwa.offline': 'Hors ligne : vous lisez une copie enregistrée',
} as const;
