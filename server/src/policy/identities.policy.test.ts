import { describe, expect, it } from 'vitest';
import { canAcceptCharter, canLinkIdentityByEmail } from './identities.policy';

describe('identities policy', () => {
  it('links a provider identity to an account by its address only when the provider verified it', () => {
    expect(canLinkIdentityByEmail({ emailVerified: true })).toBe(true);
    expect(canLinkIdentityByEmail({ emailVerified: false })).toBe(false);
  });

  it('lets a signed-in person adhere to the charter, not an anonymous visitor', () => {
    expect(canAcceptCharter({ id: 'u1', role: 'member' })).toBe(true);
    expect(canAcceptCharter(null)).toBe(false);
  });
});
