import {
  AcceptedSchema,
  type Locale,
  type OidcProvider,
  type ProfileUpdate,
  type SessionBody,
  SessionBodySchema,
  SessionProbeSchema,
  type User,
  UserEnvelopeSchema,
} from '@atelier/contract';
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError, api, awaitCsrfToken, setCsrfRefresher, setCsrfToken } from '../../lib/api';
import { locale, onLocaleChosen, setLocale } from '../../lib/i18n';

/**
 * The one accounts store: who is signed in, and every action that changes it. The CSRF token
 * travels with the session: each answer that carries one hands it to the API client.
 */

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut';

interface SessionState {
  status: SessionStatus;
  user: User | null;
}

const [state, setState] = createStore<SessionState>({ status: 'loading', user: null });
/** The OpenID Connect provider the sign-in page offers (« Se connecter avec … »), as the probe said. */
const [oidcProvider, setOidcProvider] = createSignal<OidcProvider | null>(null);

/**
 * Bumped by every change of who is signed in. The start-up `GET /api/me` may answer after a
 * sign-in made meanwhile (a mail link page redeems its token at once): a stale answer must not
 * sign the person out again.
 */
let generation = 0;

/**
 * Who the page's answers are for, as far as the client knows: undefined until the start-up probe
 * answers. `viewerKey` changes only when that person changes afterwards (sign-in, sign-out,
 * another account in another tab), never at the probe's first answer: requests sent before it
 * carried the same cookie, so their answers are already the right ones.
 */
let viewer: string | undefined;
const [viewerKey, setViewerKey] = createSignal(0);

function setViewer(userId: string | null) {
  const next = userId ?? '';
  if (viewer !== undefined && viewer !== next) setViewerKey((key) => key + 1);
  viewer = next;
}

function signedIn(body: SessionBody) {
  generation += 1;
  setCsrfToken(body.csrfToken);
  setViewer(body.user.id);
  setState({ status: 'signedIn', user: body.user });
  // The account's language follows the person from device to device.
  if (body.user.locale !== locale()) setLocale(body.user.locale);
  return body.user;
}

function signedOut() {
  generation += 1;
  setCsrfToken(null);
  setViewer(null);
  setState({ status: 'signedOut', user: null });
}

/** Asks the server who we are (`GET /api/session`, which answers nulls when nobody is signed in). */
function load() {
  const loading = fetchSession();
  awaitCsrfToken(loading);
  return loading;
}

async function fetchSession() {
  const started = generation;
  try {
    const { user, csrfToken, oidc } = await api.get('/api/session', SessionProbeSchema);
    setOidcProvider(oidc ?? null);
    if (generation !== started) return;
    if (user && csrfToken) signedIn({ user, csrfToken });
    else signedOut();
  } catch (error) {
    console.warn('Could not load the session', error);
    if (generation === started) signedOut();
  }
}

async function register(input: { email: string; password: string; displayName: string }) {
  const body = await api.post(
    '/api/auth/register',
    { ...input, acceptCharter: true, locale: locale() },
    SessionBodySchema,
  );
  return signedIn(body);
}

async function login(input: { email: string; password: string }) {
  return signedIn(await api.post('/api/auth/login', input, SessionBodySchema));
}

async function logout() {
  try {
    await api.post('/api/auth/logout');
  } catch (error) {
    // Already signed out on the server (expired session): the client state is what is left.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  signedOut();
}

/** Development only: the mailbox page signs in as a person of the living demo. */
async function signInAsDemoPerson(personId: string) {
  return signedIn(await api.post(`/api/dev/demo-people/${personId}/session`, undefined, SessionBodySchema));
}

async function requestMailLink(email: string) {
  await api.post('/api/auth/mail-link', { email }, AcceptedSchema);
}

/** Redeems either the emailed link's token or the 6-digit code with its email. */
async function verifyMailLink(input: { token: string } | { email: string; code: string }) {
  return signedIn(await api.post('/api/auth/mail-link/verify', input, SessionBodySchema));
}

async function requestPasswordReset(email: string) {
  await api.post('/api/auth/password-reset', { email }, AcceptedSchema);
}

async function confirmPasswordReset(input: { token: string; password: string }) {
  return signedIn(await api.post('/api/auth/password-reset/confirm', input, SessionBodySchema));
}

async function updateProfile(changes: ProfileUpdate) {
  const { user } = await api.patch('/api/me', changes, UserEnvelopeSchema);
  setState('user', user);
  if (changes.locale && user.locale !== locale()) setLocale(user.locale);
  return user;
}

/** Sends a picture (the server checks, crops and re-encodes it); its new `avatarUrl` shows everywhere. */
async function setAvatar(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  const { user } = await api.put('/api/me/avatar', form, UserEnvelopeSchema);
  setState('user', user);
  return user;
}

/** Back to the initials. */
async function removeAvatar() {
  const { user } = await api.delete('/api/me/avatar', UserEnvelopeSchema);
  setState('user', user);
  return user;
}

/** The server closes other sessions and rotates this one: the new CSRF token comes back. */
async function changePassword(input: { currentPassword: string; newPassword: string }) {
  return signedIn(await api.post('/api/me/password', input, SessionBodySchema));
}

/** Adheres to the current charter: the step after a first sign-in through the provider. */
async function acceptCharter() {
  const { user } = await api.post('/api/me/charter', { acceptCharter: true }, UserEnvelopeSchema);
  setState('user', user);
  return user;
}

setCsrfRefresher(fetchSession);

onLocaleChosen((chosen: Locale) => {
  if (state.user && state.user.locale !== chosen) {
    updateProfile({ locale: chosen }).catch((error) => console.warn('Could not save the language', error));
  }
});

export const session = {
  status: () => state.status,
  user: () => state.user,
  isSignedIn: () => state.status === 'signedIn',
  /**
   * The key of resources whose answer depends on who asks: they fetch at once instead of
   * waiting for the start-up probe, and again whenever another person is signed in.
   */
  viewerKey,
  load,
  register,
  login,
  logout,
  signInAsDemoPerson,
  requestMailLink,
  verifyMailLink,
  requestPasswordReset,
  confirmPasswordReset,
  updateProfile,
  setAvatar,
  removeAvatar,
  changePassword,
  oidcProvider,
  acceptCharter,
};
