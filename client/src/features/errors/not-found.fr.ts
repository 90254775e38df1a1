/**
 * The page for an unknown address.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const notFoundFr = {
  'notFound.title': 'Page introuvable',
  'notFound.text': "La page demandée n'existe pas ou a été déplacée.",
  'notFound.home': "Revenir à l'accueil",
} as const;
