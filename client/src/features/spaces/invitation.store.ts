import {
  type InvitationAcceptBody,
  InvitationAcceptResponseSchema,
  InvitationPreviewSchema,
  InvitationTokenSchema,
} from '@atelier/contract';
import { createResource } from 'solid-js';
import { ApiError, api } from '../../lib/api';
import { locale } from '../../lib/i18n';
import { session } from '../accounts/session.store';

const invitationPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/**
 * An invitation link: what it offers, and accepting it — as the invited person once signed in,
 * or by creating their account on the way (which signs them in).
 */
export function createInvitation(token: () => string | undefined) {
  const [preview] = createResource(
    () => {
      const value = token();
      return value && InvitationTokenSchema.safeParse(value).success ? value : false;
    },
    async (value) => (await api.get(invitationPath(value), InvitationPreviewSchema)).invitation,
  );

  const accept = async (account?: { displayName: string; password: string }) => {
    const value = token();
    if (!value) throw new ApiError('invalid_token', 400, 'no token');
    const body: InvitationAcceptBody = account
      ? { displayName: account.displayName, password: account.password, acceptCharter: true, locale: locale() }
      : {};
    const result = await api.post(`${invitationPath(value)}/accept`, body, InvitationAcceptResponseSchema);
    // A new account was signed in by the server: the session store reads it (user and token).
    if (result.session) await session.load();
    return result;
  };

  /** Links that are missing or malformed never reach the server. */
  const malformed = () => {
    const value = token();
    return !value || !InvitationTokenSchema.safeParse(value).success;
  };

  return { preview, accept, malformed };
}
