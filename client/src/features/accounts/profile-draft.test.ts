import type { User } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { draftFromUser, parseThemes, profileChanges } from './profile-draft';

const user: User = {
  id: 'u1',
  email: 'camille@exemple.fr',
  displayName: 'Camille Martin',
  avatarUrl: null,
  role: 'member',
  locale: 'fr',
  profile: {
    organisationName: 'Ville de Vimy',
    organisationKind: 'collectivite',
    territory: null,
    fantasticRole: null,
    themes: ['mobilités'],
    bio: null,
    listedInDirectory: false,
  },
  charter: { version: '2024-01', acceptedAt: '2026-03-01T10:00:00+01:00' },
  createdAt: '2026-03-01T10:00:00+01:00',
};

describe('parseThemes', () => {
  it('trims, drops blanks and repeats regardless of case', () => {
    expect(parseThemes(' mobilités, Alimentation ,,  mise   en récits; MOBILITÉS')).toEqual([
      'mobilités',
      'Alimentation',
      'mise en récits',
    ]);
  });
});

describe('profileChanges', () => {
  it('is empty when nothing changed', () => {
    expect(profileChanges(user, draftFromUser(user))).toEqual({});
  });

  it('sends only the changed fields, with cleared text as null', () => {
    const draft = {
      ...draftFromUser(user),
      organisationName: '  ',
      territory: 'PETR Causses et Cévennes',
      fantasticRole: 'elu' as const,
      themes: 'mobilités, alimentation',
      listedInDirectory: true,
    };
    expect(profileChanges(user, draft)).toEqual({
      organisationName: null,
      territory: 'PETR Causses et Cévennes',
      fantasticRole: 'elu',
      themes: ['mobilités', 'alimentation'],
      listedInDirectory: true,
    });
  });

  it('clears the organisation kind with "not specified"', () => {
    expect(profileChanges(user, { ...draftFromUser(user), organisationKind: '' })).toEqual({ organisationKind: null });
  });
});
