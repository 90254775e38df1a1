import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { tokenOfAddress } from './reply-address';
import type { ReceivedReply } from './reply-by-mail.service';

/**
 * The SMTP listener of reply by mail (`smtp-server`): it accepts mail for our reply addresses
 * only, checks what can be checked before the message travels (the address, the size, the
 * pace), parses it with `mailparser` and hands it to `receive`, which stores it durably before
 * the sender hears "250". Deciding about it is the job's (reply-by-mail.service.ts).
 *
 * No STARTTLS and no AUTH: mail arrives from other servers (or a relay in front of this one)
 * over plain SMTP, as MX delivery commonly does; the token is the secret, not the channel.
 */

export interface InboundSmtpOptions {
  /** The domain of reply addresses; the server's name in its greeting. */
  domain: string;
  /** Largest message accepted, in bytes (advertised with SIZE). */
  maxBytes: number;
  /** Messages per hour to one reply address, and from one envelope sender; undefined: no limit. */
  limits: { perAddressPerHour: number; perSenderPerHour: number } | undefined;
  log: { warn(object: object, message: string): void };
  receive(message: ReceivedReply): Promise<void>;
}

/** Recipients per message: an answer goes to one thread, a few at most. */
const MAX_RECIPIENTS = 10;
const HOUR_MS = 60 * 60 * 1000;

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * Counts hits per key in fixed windows, in this process's memory: a limit per process, which is
 * what a sender meets since its connection reaches one. Keys of past windows are swept once
 * the map grows, so memory stays bounded by the traffic of one window.
 */
export class WindowCounter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; false once `key` is over the max in the current window. */
  hit(key: string): boolean {
    const at = this.now();
    if (this.counts.size > 10_000) {
      for (const [k, entry] of this.counts) if (entry.resetAt <= at) this.counts.delete(k);
    }
    const entry = this.counts.get(key);
    if (!entry || entry.resetAt <= at) {
      this.counts.set(key, { count: 1, resetAt: at + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.max;
  }
}

/** An auto-reply, a bounce, a list's mail: RFC 3834's Auto-Submitted, and the older signs. */
function isAutomatic(headers: Map<string, unknown>, envelopeFrom: string): boolean {
  if (envelopeFrom === '') return true;
  const header = (name: string) => String(headers.get(name) ?? '').toLowerCase();
  if (headers.has('auto-submitted') && header('auto-submitted') !== 'no') return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return true;
  return headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('list-id');
}

async function parse(raw: Buffer, session: SMTPServerSession, domain: string): Promise<ReceivedReply> {
  // Loaded on the first reply, not at start: most platforms never receive one.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    maxHtmlLengthToParse: raw.length,
  });
  const from = mail.from?.value.filter((entry) => entry.address) ?? [];
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const messageKey = mail.messageId
    ? `id:${createHash('sha256').update(mail.messageId.trim()).digest('hex')}`
    : `raw:${createHash('sha256').update(raw).digest('hex')}`;
  return {
    tokens: session.envelope.rcptTo.flatMap((rcpt) => tokenOfAddress(rcpt.address, domain) ?? []),
    sender: from.length === 1 ? (from[0]?.address ?? '') : '',
    messageKey,
    automatic: isAutomatic(mail.headers as Map<string, unknown>, envelopeFrom),
    text: mail.text ?? '',
  };
}

export function createInboundSmtp(options: InboundSmtpOptions) {
  const { domain, maxBytes, limits, log } = options;
  const perAddress = limits && new WindowCounter(limits.perAddressPerHour, HOUR_MS);
  const perSender = limits && new WindowCounter(limits.perSenderPerHour, HOUR_MS);

  const server = new SMTPServer({
    name: domain,
    banner: 'reply by mail',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onMailFrom(address, _session, callback) {
      if (perSender && !perSender.hit(address.address.toLowerCase())) {
        return callback(smtpError(450, '4.7.1 Too many messages from this sender, try again later'));
      }
      callback();
    },
    onRcptTo(address, session, callback) {
      const token = tokenOfAddress(address.address, domain);
      if (!token) return callback(smtpError(550, '5.1.1 No such reply address'));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        return callback(smtpError(452, '4.5.3 Too many recipients'));
      }
      if (perAddress && !perAddress.hit(token)) {
        return callback(smtpError(450, '4.7.1 Too many messages to this address, try again later'));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          return callback(smtpError(552, '5.3.4 Message too big'));
        }
        parse(Buffer.concat(chunks), session, domain).then(
          (message) =>
            options.receive(message).then(
              () => callback(),
              (error: unknown) => {
                // Nothing was stored: the sending server keeps the message and tries again.
                log.warn({ err: error }, 'reply by mail: message not stored');
                callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
              },
            ),
          () => callback(smtpError(554, '5.6.0 Message could not be read')),
        );
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'reply by mail: SMTP error'));

  return {
    /** Resolves once listening; rejects when the port cannot be had. */
    listen: (port: number, host: string) =>
      new Promise<AddressInfo>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          resolve(server.server.address() as AddressInfo);
        });
      }),
    /** Stops accepting; sessions in progress get `closeTimeout` to finish. */
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
