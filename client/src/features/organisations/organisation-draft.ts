import type {
  OfficialTerritory,
  Organisation,
  OrganisationCreateBody,
  OrganisationKind,
  OrganisationUpdateBody,
} from '@atelier/contract';

/**
 * The organisation form's values as the person types them: optional texts are empty strings,
 * the charter date is the `yyyy-mm-dd` of a date input. Turned into the API's bodies here,
 * apart from the component, so that the rules are tested without a browser.
 */
export interface OrganisationDraft {
  name: string;
  kind: OrganisationKind;
  siren: string;
  territory: string;
  /** The official territory's level ('' for none) and code. */
  territoryLevel: OfficialTerritory['level'] | '';
  territoryCode: string;
  /** Themes as typed: separated by commas. */
  themes: string;
  website: string;
  presentation: string;
  charterJoinedOn: string;
}

export type OrganisationField = keyof OrganisationDraft;

export const emptyDraft = (): OrganisationDraft => ({
  name: '',
  kind: 'collectivite',
  siren: '',
  territory: '',
  territoryLevel: '',
  territoryCode: '',
  themes: '',
  website: '',
  presentation: '',
  charterJoinedOn: '',
});

export const draftFromOrganisation = (organisation: Organisation): OrganisationDraft => ({
  name: organisation.name,
  kind: organisation.kind,
  siren: organisation.siren ?? '',
  territory: organisation.territory ?? '',
  territoryLevel: organisation.territoryCode?.level ?? '',
  territoryCode: organisation.territoryCode?.code ?? '',
  themes: organisation.themes.join(', '),
  website: organisation.website ?? '',
  presentation: organisation.presentation,
  charterJoinedOn: organisation.charterJoinedOn ?? '',
});

const orNull = (text: string) => text.trim() || null;
/** A SIREN as people write it ("732 829 320"), compared as the server stores it. */
const sirenOf = (text: string) => orNull(text.replace(/\s/g, ''));

/** The themes of a comma-separated text, trimmed, each once. */
export const themesOf = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((theme) => theme.trim())
      .filter(Boolean),
  ),
];

const territoryCodeOf = (draft: OrganisationDraft): OfficialTerritory | null =>
  draft.territoryLevel && draft.territoryCode.trim()
    ? { level: draft.territoryLevel, code: draft.territoryCode.trim().toUpperCase() }
    : null;

/** The body of `POST /api/organisations`; the server makes the address from the name. */
export const createBody = (draft: OrganisationDraft): OrganisationCreateBody => ({
  name: draft.name.trim(),
  kind: draft.kind,
  siren: sirenOf(draft.siren),
  territory: orNull(draft.territory),
  territoryCode: territoryCodeOf(draft),
  themes: themesOf(draft.themes),
  website: orNull(draft.website),
  presentation: draft.presentation.trim(),
  charterJoinedOn: orNull(draft.charterJoinedOn),
});

/** Only what changed, so that a save never overwrites a field someone else just edited. */
export function organisationChanges(organisation: Organisation, draft: OrganisationDraft): OrganisationUpdateBody {
  const next = createBody(draft);
  const changes: OrganisationUpdateBody = {};
  if (next.name !== organisation.name) changes.name = next.name;
  if (next.kind !== organisation.kind) changes.kind = next.kind;
  if (next.siren !== organisation.siren) changes.siren = next.siren;
  if (next.territory !== organisation.territory) changes.territory = next.territory;
  const code = next.territoryCode ?? null;
  const before = organisation.territoryCode;
  if (code?.level !== before?.level || code?.code !== before?.code) changes.territoryCode = code;
  if ((next.themes ?? []).join('\n') !== organisation.themes.join('\n')) changes.themes = next.themes ?? [];
  if (next.website !== organisation.website) changes.website = next.website;
  if (next.presentation !== organisation.presentation.trim()) changes.presentation = next.presentation;
  if (next.charterJoinedOn !== organisation.charterJoinedOn) changes.charterJoinedOn = next.charterJoinedOn;
  return changes;
}

/** What the browser can check before sending; the server has the last word (and its own messages). */
export type DraftProblem =
  | 'nameMissing'
  | 'nameTooLong'
  | 'sirenInvalid'
  | 'websiteInvalid'
  | 'territoryCodeMissing'
  | 'themeTooLong';

export function checkDraft(draft: OrganisationDraft): Partial<Record<OrganisationField, DraftProblem>> {
  const problems: Partial<Record<OrganisationField, DraftProblem>> = {};
  const name = draft.name.trim();
  if (!name) problems.name = 'nameMissing';
  else if (name.length > 160) problems.name = 'nameTooLong';
  const siren = sirenOf(draft.siren);
  if (siren !== null && !/^\d{9}$/.test(siren)) problems.siren = 'sirenInvalid';
  const website = orNull(draft.website);
  if (website !== null && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(website)) problems.website = 'websiteInvalid';
  if (draft.territoryLevel && !draft.territoryCode.trim()) problems.territoryCode = 'territoryCodeMissing';
  if (themesOf(draft.themes).some((theme) => theme.length > 60)) problems.themes = 'themeTooLong';
  return problems;
}
