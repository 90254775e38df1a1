const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };
const MAX_LENGTH = 80;

/**
 * A URL-safe identifier from a French title: lowercase ASCII words joined by hyphens, accents
 * removed ("Éducation populaire" → "education-populaire"), apostrophes and punctuation as word
 * breaks, the inclusive-writing middle dot dropped ("élu·es" → "elues"). The same title always
 * gives the same slug. Returns '' when nothing usable is left; callers decide what to do then.
 */
export function slugify(title: string): string {
  const ascii = title
    .replace(/[œŒæÆß]/g, (letter) => LIGATURES[letter] ?? letter)
    .replace(/[·•]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_LENGTH) return slug;
  // Cut on a word boundary so that the slug never ends in half a word.
  const cut = slug.slice(0, MAX_LENGTH + 1);
  const lastBreak = cut.lastIndexOf('-');
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : slug.slice(0, MAX_LENGTH)).replace(/-+$/, '');
}
