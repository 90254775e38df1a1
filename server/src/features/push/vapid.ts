import webpush from 'web-push';
import type { Db } from '../../db/database';
import { storeVapidKeysOnce } from './push.queries';

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url: the browsers' `applicationServerKey`. */
  publicKey: string;
  /** Its private key, base64url: signs the JWT of every push request. */
  privateKey: string;
}

/**
 * The VAPID key pair, read once per process: the configured one, else the database's — made
 * by whichever process asks first (`on conflict do nothing`, then read), so that every process
 * signs with the key the browsers subscribed with. A new pair would silently orphan every
 * subscription: push services refuse a request signed by another key than the subscription's.
 */
export function vapidKeysSource(db: Db, configured: VapidKeys | undefined): () => Promise<VapidKeys> {
  let keys: Promise<VapidKeys> | undefined;
  return () => {
    if (configured) return Promise.resolve(configured);
    keys ??= storeVapidKeysOnce(db, webpush.generateVAPIDKeys()).catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };
}
