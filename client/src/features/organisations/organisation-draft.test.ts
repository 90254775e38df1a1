import type { Organisation } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { checkDraft, createBody, draftFromOrganisation, emptyDraft, organisationChanges } from './organisation-draft';

const organisation: Organisation = {
  id: 'o1',
  slug: 'atelier-energie-citoyenne',
  name: 'Atelier Énergie Citoyenne',
  kind: 'entreprise',
  territory: 'Drôme',
  territoryCode: { level: 'departement', code: '26' },
  themes: ['énergie', 'coopération'],
  website: null,
  memberCount: 2,
  logoUrl: null,
  siren: '732829320',
  presentation: 'Une coopérative.',
  charterJoinedOn: '2024-03-12',
};

describe('organisation drafts', () => {
  it('round-trips an organisation without any change', () => {
    expect(organisationChanges(organisation, draftFromOrganisation(organisation))).toEqual({});
  });

  it('sends only what changed, emptied texts as null, a SIREN without its spaces', () => {
    const draft = {
      ...draftFromOrganisation(organisation),
      territory: '  ',
      website: ' https://energie.example.org ',
      siren: '732 829 320',
      charterJoinedOn: '',
    };
    expect(organisationChanges(organisation, draft)).toEqual({
      territory: null,
      website: 'https://energie.example.org',
      charterJoinedOn: null,
    });
  });

  it('creates with every field, the optional ones null when empty', () => {
    expect(createBody({ ...emptyDraft(), name: ' Réseau Rural ', kind: 'reseau' })).toEqual({
      name: 'Réseau Rural',
      kind: 'reseau',
      siren: null,
      territory: null,
      territoryCode: null,
      themes: [],
      website: null,
      presentation: '',
      charterJoinedOn: null,
    });
  });

  it('sends the official territory and the themes only when they change', () => {
    const draft = {
      ...draftFromOrganisation(organisation),
      territoryLevel: 'commune' as const,
      territoryCode: ' 2a004 ',
      themes: 'énergie,  coopération , énergie',
    };
    expect(organisationChanges(organisation, draft)).toEqual({ territoryCode: { level: 'commune', code: '2A004' } });
    const none = { ...draftFromOrganisation(organisation), territoryLevel: '' as const, themes: 'énergie' };
    expect(organisationChanges(organisation, none)).toEqual({ territoryCode: null, themes: ['énergie'] });
    expect(checkDraft({ ...none, name: 'Cerdd', territoryLevel: 'region', territoryCode: '' })).toEqual({
      territoryCode: 'territoryCodeMissing',
    });
  });

  it('names the fields the browser can already tell are wrong', () => {
    expect(checkDraft(emptyDraft())).toEqual({ name: 'nameMissing' });
    expect(
      checkDraft({ ...emptyDraft(), name: 'x'.repeat(161), siren: '12345', website: 'javascript:alert(1)' }),
    ).toEqual({ name: 'nameTooLong', siren: 'sirenInvalid', website: 'websiteInvalid' });
    expect(checkDraft({ ...emptyDraft(), name: 'Cerdd', siren: '732 829 320', website: 'https://cerdd.org' })).toEqual(
      {},
    );
  });
});
