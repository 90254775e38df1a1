import { createRequire } from 'node:module';
import { isValidSiren, type TerritoryLevel } from '@atelier/contract';

/**
 * The official French administrative division (INSEE's Code officiel géographique and the
 * BANATIC list of EPCI), from `@etalab/decoupage-administratif`: a code is checked against it
 * and the territory takes its official name. The communes weigh 8 MB, so each list is read on
 * the first lookup of its level, never at start-up.
 */

interface Entry {
  code: string;
  nom: string;
  type?: string;
}

const require = createRequire(import.meta.url);
const FILES: Record<Exclude<TerritoryLevel, 'other'>, string> = {
  commune: '@etalab/decoupage-administratif/data/communes.json',
  epci: '@etalab/decoupage-administratif/data/epci.json',
  departement: '@etalab/decoupage-administratif/data/departements.json',
  region: '@etalab/decoupage-administratif/data/regions.json',
};

const loaded = new Map<string, Map<string, string>>();

/** Code → name for one level. A commune's code may also name its former communes (déléguées, associées): the current one wins. */
function namesOf(level: Exclude<TerritoryLevel, 'other'>): Map<string, string> {
  let names = loaded.get(level);
  if (!names) {
    names = new Map();
    for (const entry of require(FILES[level]) as Entry[]) {
      if (!names.has(entry.code) || entry.type === 'commune-actuelle') names.set(entry.code, entry.nom);
    }
    loaded.set(level, names);
  }
  return names;
}

/**
 * The official name of the territory with this code at this level, or null when the code is
 * not one. Other groupings (PETR, parcs naturels régionaux, syndicats) are in no list: their
 * code is a SIREN, checked by its checksum, and their name is the one given.
 */
export function officialName(level: TerritoryLevel, code: string): string | null {
  if (level === 'other') return null;
  return namesOf(level).get(code) ?? null;
}

export const isOfficialCode = (level: TerritoryLevel, code: string): boolean =>
  level === 'other' ? isValidSiren(code) : officialName(level, code) !== null;

/** Whether a text is written as an official code (INSEE or SIREN) rather than as a name. */
export const looksLikeCode = (text: string): boolean => /^(\d{2,9}|2[AB]\d{0,3})$/i.test(text.trim());

/**
 * The official name of a code given without its level, as a cohort's CSV does: five
 * characters are a commune, nine digits an EPCI, two or three a département (or else a région).
 */
export function officialNameOfCode(code: string): string | null {
  const normalised = code.trim().toUpperCase();
  if (normalised.length === 5) return officialName('commune', normalised);
  if (normalised.length === 9) return officialName('epci', normalised);
  return officialName('departement', normalised) ?? officialName('region', normalised);
}
