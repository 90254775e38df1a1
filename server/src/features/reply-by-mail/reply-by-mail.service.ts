import type { ErrorCode } from '@atelier/contract';
import { AppError } from '../../errors';
import { avatarUrl } from '../accounts/avatars.content';
import { threadUrl } from '../discussions/discussions.mail';
import { createPost } from '../discussions/posts.service';
import { hashReplyToken } from './reply-address';
import type { ReplyByMailDeps } from './reply-by-mail.deps';
import type { RefusalReason } from './reply-by-mail.mail';
import {
  decideInboundReply,
  findInboundReply,
  findReplyAddress,
  insertInboundReply,
  pruneInboundReplies,
  pruneReplyAddresses,
  type ReplyAddressRecord,
} from './reply-by-mail.queries';
import { answerHtml, answerText } from './reply-text';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Decides about one received answer: post it, or refuse it (and say why), or drop it. */
    'reply-by-mail.process': { inboundId: string };
    /** Deletes long-expired reply addresses and old received mail; runs every six hours. */
    'reply-by-mail.prune': Record<string, never>;
  }
}

/** A message as the SMTP listener accepted it, for one or more of our reply addresses. */
export interface ReceivedReply {
  /** The tokens of the reply addresses it was sent to. */
  tokens: string[];
  /** The one address of its From header ('' when there is none, or several). */
  sender: string;
  /** Its Message-ID, or a hash of the whole message when it has none. */
  messageKey: string;
  /** An out-of-office, a bounce or any other message no person typed (RFC 3834). */
  automatic: boolean;
  /** Its plain text (mailparser's conversion of the HTML when it has no text part). */
  text: string;
}

/**
 * Stores what arrived and enqueues its processing in one transaction, before the SMTP answer:
 * once the sender hears "250" the message is durable. A message already stored for an address
 * (a retried delivery, a copy) is not stored again. Automatic mail is not stored at all:
 * answering an auto-reply is how mail loops start.
 */
export async function receiveReply(deps: ReplyByMailDeps, message: ReceivedReply): Promise<void> {
  if (message.automatic) {
    deps.log.info({ tokens: message.tokens.length }, 'reply by mail: automatic message ignored');
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    for (const token of message.tokens) {
      const row = await insertInboundReply(trx, {
        tokenHash: hashReplyToken(token),
        messageKey: message.messageKey,
        sender: message.sender,
        text: message.text,
      });
      if (row) await deps.jobs.enqueue(trx, 'reply-by-mail.process', { inboundId: row.id });
    }
  });
}

/** The service's refusals, as the author is told; anything else is a fault, retried. */
const REASONS: Partial<Record<ErrorCode, RefusalReason>> = {
  not_found: 'not_allowed',
  forbidden: 'not_allowed',
  unauthenticated: 'not_allowed',
  thread_locked: 'locked',
  post_empty: 'empty',
  post_too_large: 'too_long',
  invalid_input: 'unreadable',
  conflict: 'unreadable',
};

/**
 * The job: one received answer, decided once (a row already decided is left alone, and two
 * runs of the job settle it once). In order:
 *
 * - an unknown address (forged, or expired long ago) or a From that is not the account's own
 *   address is dropped and logged — never answered: whoever sent it may not be who they claim,
 *   and mailing them back would be backscatter;
 * - an expired address, an answer with nothing left once quoted history and signature are
 *   gone, or one the person may no longer post (the discussions' own service and policy
 *   decide, as for the HTTP route) is refused, with a mail to the account's address saying why;
 * - otherwise the answer is posted as that person, as a reply to the post the mail was about,
 *   through `createPost`: live events, mentions and notifications as for any post. Its
 *   Idempotency-Key is the received row's id, so a run that posted and died before recording
 *   it posts nothing more when retried.
 */
export async function processReply(deps: ReplyByMailDeps, inboundId: string): Promise<void> {
  const inbound = await findInboundReply(deps.db, inboundId);
  if (inbound?.status !== 'received') return;
  const address = await findReplyAddress(deps.db, inbound.token_hash);
  if (!address) return drop(deps, inboundId, 'unknown_address');
  if (address.email.toLowerCase() !== inbound.sender.toLowerCase()) return drop(deps, inboundId, 'sender_mismatch');
  const text = inbound.text_body ?? '';
  if (address.expires_at.getTime() <= deps.now().getTime()) return refuse(deps, inboundId, address, 'expired', text);
  const body = answerHtml(text);
  if (body === '') return refuse(deps, inboundId, address, 'empty', '');

  let postId: string;
  try {
    const { post } = await createPost(deps.discussions, {
      actor: { id: address.user_id, role: address.role },
      displayName: address.display_name,
      avatarUrl: avatarUrl(address.user_id, address.avatar_updated_at),
      threadId: address.thread_id,
      body: { body, replyToId: address.post_id },
      idempotencyKey: `mail:${inboundId}`,
    });
    postId = post.id;
  } catch (error) {
    const reason = error instanceof AppError ? REASONS[error.code] : undefined;
    if (!reason) throw error;
    return refuse(deps, inboundId, address, reason, text);
  }
  await decideInboundReply(deps.db, inboundId, { status: 'posted', outcome: null, postId });
  deps.log.info({ inboundId, postId }, 'reply by mail: posted');
}

async function drop(deps: ReplyByMailDeps, inboundId: string, outcome: 'unknown_address' | 'sender_mismatch') {
  if (await decideInboundReply(deps.db, inboundId, { status: 'dropped', outcome })) {
    deps.log.warn({ inboundId, outcome }, 'reply by mail: dropped');
  }
}

/** The refusal and its mail in one transaction: a second run of the job finds it decided. */
async function refuse(
  deps: ReplyByMailDeps,
  inboundId: string,
  address: ReplyAddressRecord,
  reason: RefusalReason,
  text: string,
) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await decideInboundReply(trx, inboundId, { status: 'refused', outcome: reason }))) return;
    await deps.mailer.sendRefusal(trx, {
      to: { email: address.email, displayName: address.display_name, locale: address.locale },
      reason,
      thread: {
        title: address.thread_title,
        url: threadUrl(deps.publicUrl, address.space_slug, address.thread_id, address.post_id),
      },
      answer: text ? answerText(text) : '',
    });
  });
  deps.log.info({ inboundId, reason }, 'reply by mail: refused');
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Expired addresses still say "expired" this long, then read as unknown. */
const EXPIRED_KEPT_MS = 60 * DAY_MS;
/** Received messages are kept this long: a copy delivered within it is still recognised. */
const INBOUND_KEPT_MS = 30 * DAY_MS;
const BATCH = 1000;

async function inBatches(prune: (limit: number) => Promise<number>) {
  let total = 0;
  for (;;) {
    const deleted = await prune(BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export async function pruneReplies(deps: ReplyByMailDeps) {
  const now = deps.now().getTime();
  const addresses = await inBatches((limit) => pruneReplyAddresses(deps.db, new Date(now - EXPIRED_KEPT_MS), limit));
  const received = await inBatches((limit) => pruneInboundReplies(deps.db, new Date(now - INBOUND_KEPT_MS), limit));
  deps.log.info({ addresses, received }, 'reply by mail: pruned');
}
