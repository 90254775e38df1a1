import type {
  JoinPolicy,
  SpaceCreateBody,
  SpaceDetail,
  SpaceKind,
  SpaceUpdateBody,
  Visibility,
} from '@atelier/contract';

/**
 * The space form's values as the person types them: lists (goals, partners) are one item per
 * line, optional texts are empty strings. Turned into the API's bodies here, apart from the
 * component, so that the rules are tested without a browser.
 */
export interface SpaceDraft {
  kind: SpaceKind;
  title: string;
  slug: string;
  summary: string;
  description: string;
  goals: string;
  period: string;
  partners: string;
  audience: string;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  /** Its events take people without an account (a public space only). */
  guestRegistration: boolean;
}

export const emptyDraft = (): SpaceDraft => ({
  kind: 'chantier',
  title: '',
  slug: '',
  summary: '',
  description: '',
  goals: '',
  period: '',
  partners: '',
  audience: '',
  visibility: 'public',
  joinPolicy: 'open',
  guestRegistration: false,
});

export function draftFromSpace(space: SpaceDetail): SpaceDraft {
  return {
    kind: space.kind,
    title: space.title,
    slug: space.slug,
    summary: space.summary,
    description: space.description,
    goals: space.goals.join('\n'),
    period: space.period ?? '',
    partners: space.partners.join('\n'),
    audience: space.audience ?? '',
    visibility: space.visibility,
    joinPolicy: space.joinPolicy,
    guestRegistration: space.guestRegistration,
  };
}

/** One item per non-empty line, trimmed. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const orNull = (text: string) => text.trim() || null;

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Only what changed, so that a save never overwrites a field someone else just edited. */
export function spaceChanges(space: SpaceDetail, draft: SpaceDraft): SpaceUpdateBody {
  const changes: SpaceUpdateBody = {};
  const title = draft.title.trim();
  if (title !== space.title) changes.title = title;
  const summary = draft.summary.trim();
  if (summary !== space.summary) changes.summary = summary;
  const description = draft.description.trim();
  if (description !== space.description.trim()) changes.description = description;
  const goals = lines(draft.goals);
  if (!sameList(goals, space.goals)) changes.goals = goals;
  const partners = lines(draft.partners);
  if (!sameList(partners, space.partners)) changes.partners = partners;
  const period = orNull(draft.period);
  if (period !== space.period) changes.period = period;
  const audience = orNull(draft.audience);
  if (audience !== space.audience) changes.audience = audience;
  if (draft.visibility !== space.visibility) changes.visibility = draft.visibility;
  if (draft.joinPolicy !== space.joinPolicy) changes.joinPolicy = draft.joinPolicy;
  if (draft.guestRegistration !== space.guestRegistration) changes.guestRegistration = draft.guestRegistration;
  return changes;
}

/** The body of `POST /api/spaces`; the server makes the slug from the title when none is given. */
export function createBody(draft: SpaceDraft): SpaceCreateBody {
  const body: SpaceCreateBody = {
    kind: draft.kind,
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    description: draft.description.trim(),
    goals: lines(draft.goals),
    partners: lines(draft.partners),
    period: orNull(draft.period),
    audience: orNull(draft.audience),
    visibility: draft.visibility,
    joinPolicy: draft.joinPolicy,
  };
  const slug = draft.slug.trim();
  if (slug) body.slug = slug;
  return body;
}
