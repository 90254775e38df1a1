import { AppError } from '../../errors';
import { GLOSSARY } from './glossary';

/**
 * A search as the database is to run it: every group must match (one of its phrases), no
 * excluded phrase may. Phrases stay text: the query turns each one into a tsquery with
 * `phraseto_tsquery`, so no character a person types is ever read as tsquery syntax.
 */
export interface ParsedSearch {
  groups: string[][];
  excluded: string[];
  /** The glossary's phrases added to what was typed, to tell the reader. */
  expandedWith: string[];
  /** The words typed, for names found despite a typo. */
  words: string;
}

/** Invisible characters that only get in the way: zero-width, bidirectional controls, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Lower case, accents off, hyphens and apostrophes as spaces: how glossary phrases are compared. */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-'’]/g, ' ').split(/\s+/).filter(Boolean);

/** Every glossary phrase, folded, with the entry it stands for; longest first. */
const PHRASES = GLOSSARY.flatMap((entry) =>
  [entry.acronym, entry.expansion, ...(entry.synonyms ?? [])].map((phrase) => ({ words: fold(phrase), entry })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * Inclusive writing typed in the query: « acteur·ices » is looked for as « acteur » or
 * « actrices », « élu·es » as « élu » or « élues » (as the index writes them out).
 */
function inclusiveForms(word: string): string[] {
  const dotted = word.match(/^(\p{L}+)[·•.](\p{L}+?)(?:[·•.](s))?$/u);
  if (!dotted) return [word];
  const [, base = '', suffix = '', plural = ''] = dotted;
  const agent = base.match(/^(\p{L}+)eur$/u);
  if (agent && /^(t?r)?ices?$/u.test(suffix + plural)) {
    return [base, `${agent[1]}rice${(suffix + plural).endsWith('s') ? 's' : ''}`];
  }
  return [base, base + suffix + plural];
}

const tooVague = () =>
  new AppError('invalid_input', 'give at least one word to find, not only words to leave out', {
    'query.q': ['at least one word to find'],
  });

/**
 * Reads what a person typed: "a phrase in quotes", `-word` or `-"a phrase"` to leave out, the
 * other words all required; a glossary acronym or phrase among them also finds its other names.
 */
export function parseSearch(input: string): ParsedSearch {
  const text = input.normalize('NFC').replace(INVISIBLE, '');
  const phrases: string[] = [];
  const excluded: string[] = [];
  const words: string[] = [];
  for (const match of text.matchAll(/(-?)"([^"]*)"?|(-?)(\S+)/g)) {
    const [, quotedMinus, quoted, minus, word] = match;
    const value = (quoted ?? word ?? '').trim();
    if (!value || value === '-') continue;
    if (quotedMinus || (minus && value)) excluded.push(value);
    else if (quoted !== undefined) phrases.push(value);
    else words.push(value);
  }

  // Words in order, glossary phrases found among them (longest first at each position).
  const groups: string[][] = phrases.map((phrase) => [phrase]);
  const expandedWith: string[] = [];
  const folded = words.map((word) => fold(word).join(' '));
  for (let at = 0; at < words.length; ) {
    const hit = PHRASES.find(
      (phrase) => phrase.words.length > 0 && phrase.words.every((part, offset) => folded[at + offset] === part),
    );
    if (!hit) {
      groups.push(inclusiveForms(words[at] ?? ''));
      at += 1;
      continue;
    }
    const typed = words.slice(at, at + hit.words.length).join(' ');
    const others = [hit.entry.acronym, hit.entry.expansion, ...(hit.entry.synonyms ?? [])].filter(
      (other) => fold(other).join(' ') !== hit.words.join(' '),
    );
    groups.push([typed, ...others]);
    expandedWith.push(...others);
    at += hit.words.length;
  }
  if (groups.length === 0) throw tooVague();
  return { groups, excluded, expandedWith, words: [...phrases, ...words].join(' ') };
}
