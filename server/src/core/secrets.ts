import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to people — session cookies, mailed links, invitation and cancellation
 * tokens: 256 random bits, URL-safe. Only their hash is ever stored, so a copy of the database
 * opens nothing.
 */
export const newSecret = () => randomBytes(32).toString('base64url');

/** The stored form of a secret (SHA-256, hex): enough for 256-bit random values, and indexable. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
