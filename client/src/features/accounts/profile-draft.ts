import type { FantasticRole, Locale, OrganisationKind, ProfileUpdate, User } from '@atelier/contract';

/** The profile form's values, as the fields hold them (text, '' for "not specified"). */
export interface ProfileDraft {
  displayName: string;
  organisationName: string;
  organisationKind: OrganisationKind | '';
  territory: string;
  fantasticRole: FantasticRole | '';
  themes: string;
  bio: string;
  locale: Locale;
  listedInDirectory: boolean;
}

export function draftFromUser(user: User): ProfileDraft {
  const { profile } = user;
  return {
    displayName: user.displayName,
    organisationName: profile.organisationName ?? '',
    organisationKind: profile.organisationKind ?? '',
    territory: profile.territory ?? '',
    fantasticRole: profile.fantasticRole ?? '',
    themes: profile.themes.join(', '),
    bio: profile.bio ?? '',
    locale: user.locale,
    listedInDirectory: profile.listedInDirectory,
  };
}

/** "mobilités, Alimentation ,, mobilités" → ["mobilités", "Alimentation"]: trimmed, no blanks, no repeats. */
export function parseThemes(text: string): string[] {
  const seen = new Set<string>();
  const themes: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const theme = raw.trim().replace(/\s+/g, ' ');
    const key = theme.toLocaleLowerCase('fr');
    if (!theme || seen.has(key)) continue;
    seen.add(key);
    themes.push(theme);
  }
  return themes;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Only what changed, so a PATCH never overwrites a field the person did not touch. */
export function profileChanges(user: User, draft: ProfileDraft): ProfileUpdate {
  const { profile } = user;
  const changes: ProfileUpdate = {};
  if (draft.displayName.trim() !== user.displayName) changes.displayName = draft.displayName.trim();
  if (orNull(draft.organisationName) !== profile.organisationName) {
    changes.organisationName = orNull(draft.organisationName);
  }
  const kind = draft.organisationKind || null;
  if (kind !== profile.organisationKind) changes.organisationKind = kind;
  if (orNull(draft.territory) !== profile.territory) changes.territory = orNull(draft.territory);
  const role = draft.fantasticRole || null;
  if (role !== profile.fantasticRole) changes.fantasticRole = role;
  const themes = parseThemes(draft.themes);
  if (!sameList(themes, profile.themes)) changes.themes = themes;
  if (orNull(draft.bio) !== (profile.bio || null)) changes.bio = orNull(draft.bio);
  if (draft.locale !== user.locale) changes.locale = draft.locale;
  if (draft.listedInDirectory !== profile.listedInDirectory) changes.listedInDirectory = draft.listedInDirectory;
  return changes;
}
