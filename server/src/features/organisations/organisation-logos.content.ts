import { avatarVersion } from '../accounts/avatars.content';

/**
 * The contract's `logoUrl`: where the organisation's logo is served, versioned as a profile
 * picture is (a new version with every logo, so the URL may be cached for good), or null.
 * The slug never changes, so it names the organisation in the URL.
 */
export const logoUrl = (slug: string, updatedAt: Date | null): string | null =>
  updatedAt ? `/api/organisations/${slug}/logo?v=${avatarVersion(updatedAt)}` : null;
