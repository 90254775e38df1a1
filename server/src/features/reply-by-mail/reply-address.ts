import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { insertReplyAddress } from './reply-by-mail.queries';

/**
 * Reply addresses: `reply+TOKEN@INBOUND_DOMAIN`. TOKEN is 128 random bits in lowercase base32
 * (26 characters, `a-z2-7`), so the local part is 32 characters — well under RFC 5321's 64 —
 * and survives relays that fold the case of addresses. Only its hash is stored, beside what
 * it names (`reply_addresses`): a copy of the database opens no thread.
 *
 * Why not a signed token: the person, the post replied to and an expiry are 36 bytes before
 * any signature, so with even a short HMAC the token passes 64 characters in a case-proof
 * alphabet. A stored random token is short, names anything, and can be revoked.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_BYTES = 16;
const TOKEN_LENGTH = 26;
const PREFIX = 'reply+';

/** How long a mail's reply address takes answers. */
export const REPLY_ADDRESS_DAYS = 30;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export const newReplyToken = () => base32(randomBytes(TOKEN_BYTES));

/** The stored form of a token (SHA-256, hex), salted by its use so it matches no other secret's hash. */
export const hashReplyToken = (token: string) => createHash('sha256').update(`reply:${token}`).digest('hex');

export const replyAddress = (token: string, domain: string) => `${PREFIX}${token}@${domain}`;

const TOKEN_PATTERN = new RegExp(`^[${ALPHABET}]{${TOKEN_LENGTH}}$`);

/**
 * The token of a recipient address, or null when it is not one of our reply addresses: the
 * form `reply+TOKEN@domain`, compared without case (domains have none, and our tokens are
 * lowercase, so a relay that shouted the address still reaches the right thread).
 */
export function tokenOfAddress(address: string, domain: string): string | null {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0 || lower.slice(at + 1) !== domain.toLowerCase()) return null;
  const local = lower.slice(0, at);
  if (!local.startsWith(PREFIX)) return null;
  const token = local.slice(PREFIX.length);
  return TOKEN_PATTERN.test(token) ? token : null;
}

/**
 * A new reply address for a mail to `userId` about `postId` of `threadId`, written in the
 * caller's transaction (the mail's): answering that mail posts a reply to that post.
 */
export async function issueReplyAddress(
  db: Db,
  domain: string,
  target: { userId: string; threadId: string; postId: string },
  now = new Date(),
): Promise<string> {
  const token = newReplyToken();
  await insertReplyAddress(db, {
    tokenHash: hashReplyToken(token),
    ...target,
    expiresAt: new Date(now.getTime() + REPLY_ADDRESS_DAYS * 24 * 60 * 60 * 1000),
  });
  return replyAddress(token, domain);
}
