import { describe, expect, it } from 'vitest';
import {
  type AffiliationFacts,
  canAskAffiliation,
  canBecomeReferent,
  canCreateOrganisation,
  canManageOrganisation,
  canReadOrganisations,
} from './organisations.policy';
import type { Actor } from './policy';

const member: Actor = { id: 'u1', role: 'member' };
const admin: Actor = { id: 'a1', role: 'admin' };
const link = (status: 'pending' | 'confirmed', referent: boolean, userId = 'u1'): AffiliationFacts => ({
  userId,
  status,
  referent,
});

describe('organisations policy', () => {
  it('opens the allies to everyone and their creation to admins only', () => {
    expect([null, member, admin].map(canReadOrganisations)).toEqual([true, true, true]);
    expect([null, member, admin].map(canCreateOrganisation)).toEqual([false, false, true]);
    expect([null, member, admin].map(canAskAffiliation)).toEqual([false, true, true]);
  });

  it('lets admins and confirmed referents manage, nobody else', () => {
    expect(canManageOrganisation(admin, null)).toBe(true);
    expect(canManageOrganisation(member, link('confirmed', true))).toBe(true);
    expect(canManageOrganisation(member, link('confirmed', false))).toBe(false);
    expect(canManageOrganisation(member, null)).toBe(false);
    expect(canManageOrganisation(null, null)).toBe(false);
    // Someone else's row, handed over by mistake, never opens the door.
    expect(canManageOrganisation(member, link('confirmed', true, 'u2'))).toBe(false);
  });

  it('makes referents of confirmed people only', () => {
    expect(canBecomeReferent(link('confirmed', false))).toBe(true);
    expect(canBecomeReferent(link('confirmed', true))).toBe(true);
    expect(canBecomeReferent(link('pending', false))).toBe(false);
    expect(canBecomeReferent(null)).toBe(false);
  });
});
