/**
 * The picture's version in its URL: when it was set, in base 36 — short, and new with every
 * picture, so that a URL names one picture for good and may be cached as long as browsers like.
 */
export const avatarVersion = (updatedAt: Date) => new Date(updatedAt).getTime().toString(36);

/** The contract's `avatarUrl`: where the person's picture is served, or null when they have none. */
export const avatarUrl = (userId: string, updatedAt: Date | null): string | null =>
  updatedAt ? `/api/users/${userId}/avatar?v=${avatarVersion(updatedAt)}` : null;

/** The signed-in person's `avatarUrl`, from the session's user row (null for anonymous requests). */
export const sessionAvatarUrl = (auth: { user: { id: string; avatar_updated_at: Date | null } } | null) =>
  auth ? avatarUrl(auth.user.id, auth.user.avatar_updated_at) : null;
