import { COLLAB_CLOSE_CODES } from '@atelier/contract';

/**
 * The connection to `/collab` as the page shows it. Kept apart from the provider so the rules
 * (when to stop retrying, what to tell the person) are plain functions.
 */
export type CollabRefusal = keyof typeof COLLAB_CLOSE_CODES;

export type ConnectionState =
  /** First connection, nothing received yet. */
  | 'connecting'
  /** Connected and in sync with the server. */
  | 'connected'
  /** Was connected, lost it; the provider retries on its own. Edits are kept locally. */
  | 'reconnecting'
  /** The browser says there is no network. */
  | 'offline'
  /** The server refused the connection: retrying would not help until something changes. */
  | 'refused';

const REFUSALS = Object.entries(COLLAB_CLOSE_CODES) as [CollabRefusal, number][];

/**
 * The refusal behind a closed connection: the close code from the contract, or the same name
 * as the reason of a Hocuspocus "permission denied" message. Anything else (a network cut, a
 * restart) is not a refusal, and the provider keeps trying.
 */
export function refusalOf(event: { code?: number; reason?: string }): CollabRefusal | null {
  const byCode = REFUSALS.find(([, code]) => code === event.code);
  if (byCode) return byCode[0];
  const reason = event.reason?.trim().toLowerCase() ?? '';
  const byReason = REFUSALS.find(([name, code]) => reason === name || reason === String(code));
  return byReason ? byReason[0] : null;
}

/**
 * The next state after the websocket's status changes. `wasConnected` tells a first attempt
 * ("connexion…") from a lost connection ("reconnexion…"); a refusal sticks.
 */
export function nextConnectionState(
  current: ConnectionState,
  status: 'connecting' | 'connected' | 'disconnected',
  context: { online: boolean; wasConnected: boolean },
): ConnectionState {
  if (current === 'refused') return 'refused';
  if (!context.online) return 'offline';
  if (status === 'connected') return 'connected';
  return context.wasConnected ? 'reconnecting' : 'connecting';
}

/** The websocket URL of the collaboration server on this page's own host. */
export function collabUrl(location: { protocol: string; host: string }, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** What the status line says about saving, after the connection: changes stored, or not yet. */
export type SaveState = 'saved' | 'saving';

/**
 * Whether the status line speaks of saving at all: for editors, while connected (the other
 * states already say that changes are kept for later), once the document first synced.
 */
export function saveStateShown(
  state: ConnectionState,
  context: { canEdit: boolean; synced: boolean; saving: boolean },
): SaveState | null {
  if (!context.canEdit || !context.synced || state !== 'connected') return null;
  return context.saving ? 'saving' : 'saved';
}

/**
 * Turns the provider's count of unsynced changes — changes the server has not acknowledged,
 * which it does only once they are written to the database — into what the page says:
 * "saving" as soon as one is pending, "saved" once none has been pending for `holdMs`. The
 * hold keeps the line (and screen readers, which announce it) from flickering at every key
 * while someone types; saying "saving" a moment longer than needed is never a false claim.
 */
export function trackSaving(onChange: (saving: boolean) => void, holdMs = 1000) {
  let saving = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (value: boolean) => {
    if (value === saving) return;
    saving = value;
    onChange(value);
  };
  return {
    /** The provider's `unsyncedChanges` count changed. */
    unsynced(count: number) {
      if (count > 0) {
        clearTimeout(timer);
        timer = undefined;
        set(true);
      } else if (saving && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          set(false);
        }, holdMs);
      }
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
