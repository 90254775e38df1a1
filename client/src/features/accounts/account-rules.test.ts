import { describe, expect, it } from 'vitest';
import { displayNameError } from './account-rules';

describe('the display name rule', () => {
  it('asks for a name when there is none, and for a shorter one when it is too long', () => {
    expect(displayNameError('   ')).toBe('Indiquez le nom sous lequel les autres membres vous verront.');
    expect(displayNameError('x'.repeat(81))).toBe('Indiquez un nom de 80 caractères au plus.');
    expect(displayNameError('Camille Dupont')).toBeUndefined();
  });
});
