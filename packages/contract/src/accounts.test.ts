import { describe, expect, it } from 'vitest';
import { EmailSchema, MailLinkVerifySchema, ProfileUpdateSchema, RegisterBodySchema } from './accounts';

describe('accounts contract', () => {
  it('normalises emails so that case never makes two accounts', () => {
    expect(EmailSchema.parse('  Camille.Martin@Exemple.FR ')).toBe('camille.martin@exemple.fr');
    expect(EmailSchema.safeParse('pas une adresse').success).toBe(false);
  });

  it('requires the charter at sign-up and refuses unknown fields', () => {
    const base = { email: 'a@b.fr', password: 'assez-long-pour-passer', displayName: 'A' };
    expect(RegisterBodySchema.safeParse({ ...base, acceptCharter: true }).success).toBe(true);
    expect(RegisterBodySchema.safeParse({ ...base, acceptCharter: false }).success).toBe(false);
    expect(RegisterBodySchema.safeParse({ ...base, acceptCharter: true, role: 'admin' }).success).toBe(false);
  });

  it('accepts a link token or an email with its 6-digit code', () => {
    expect(MailLinkVerifySchema.safeParse({ token: 'x'.repeat(43) }).success).toBe(true);
    expect(MailLinkVerifySchema.safeParse({ email: 'a@b.fr', code: '012345' }).success).toBe(true);
    expect(MailLinkVerifySchema.safeParse({ email: 'a@b.fr', code: '12345' }).success).toBe(false);
  });

  it('keeps profile values inside the alliance lists and refuses control characters', () => {
    expect(ProfileUpdateSchema.safeParse({ fantasticRole: 'elu', organisationKind: 'recherche' }).success).toBe(true);
    expect(ProfileUpdateSchema.safeParse({ fantasticRole: 'maire' }).success).toBe(false);
    expect(ProfileUpdateSchema.safeParse({ territory: 'Arras\u0007' }).success).toBe(false);
    expect(ProfileUpdateSchema.safeParse({ bio: 'Deux\nlignes' }).success).toBe(true);
  });
});
