import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  from: string;
  to: string[];
  /** The whole message as it crossed the wire (headers and MIME parts). */
  raw: string;
}

export interface SmtpSink {
  /** SMTP_URL for the app. */
  url: string;
  messages: SunkMessage[];
  /** Refuses the next `count` messages with this SMTP reply code (4xx transient, 5xx permanent). */
  refuseNext(count: number, responseCode: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts, for mail delivery tests. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  let refusals: { count: number; responseCode: number } = { count: 0, responseCode: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.count > 0) {
          refusals = { ...refusals, count: refusals.count - 1 };
          const error = Object.assign(new Error('sink refuses this message'), { responseCode: refusals.responseCode });
          return callback(error);
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count, responseCode) => {
      refusals = { count, responseCode };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
