import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundSmtp, WindowCounter } from './inbound-smtp';
import { newReplyToken, replyAddress, tokenOfAddress } from './reply-address';
import type { ReceivedReply } from './reply-by-mail.service';

const DOMAIN = 'reponses.atelier.test';

describe('reply addresses', () => {
  it('fit an email local part and survive a relay that changes their case', () => {
    const token = newReplyToken();
    const address = replyAddress(token, DOMAIN);
    expect(address.split('@')[0]?.length).toBe(32);
    expect(tokenOfAddress(address.toUpperCase(), DOMAIN)).toBe(token);
    expect(tokenOfAddress(address, 'ailleurs.test')).toBeNull();
    expect(tokenOfAddress(`reply+${token}x@${DOMAIN}`, DOMAIN)).toBeNull();
    expect(tokenOfAddress(`atelier@${DOMAIN}`, DOMAIN)).toBeNull();
  });
});

describe('the window counter', () => {
  it('refuses past its max until the window turns', () => {
    let now = 0;
    const counter = new WindowCounter(2, 1000, () => now);
    expect([counter.hit('a'), counter.hit('a'), counter.hit('a'), counter.hit('b')]).toEqual([true, true, false, true]);
    now = 1000;
    expect(counter.hit('a')).toBe(true);
  });
});

/** The listener alone, without the app: what it lets through, and what it hands on. */
describe('the SMTP listener', () => {
  const received: ReceivedReply[] = [];
  const server = createInboundSmtp({
    domain: DOMAIN,
    maxBytes: 64 * 1024,
    limits: { perAddressPerHour: 2, perSenderPerHour: 100 },
    log: { warn: () => {} },
    receive: async (message) => {
      received.push(message);
    },
  });
  let smtp: Transporter;
  beforeAll(async () => {
    const { port } = await server.listen(0, '127.0.0.1');
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    smtp.close();
    await server.close();
  });

  it('hands on the parts the job needs, and says which mail no person typed', async () => {
    const token = newReplyToken();
    const to = replyAddress(token, DOMAIN);
    await smtp.sendMail({ from: 'Alice <alice@exemple.fr>', to, subject: 'Re', text: 'Oui', messageId: '<m@x>' });
    await smtp.sendMail({
      from: 'alice@exemple.fr',
      to,
      subject: 'Absence',
      text: 'Je suis absente',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(received.slice(-2)).toEqual([
      {
        tokens: [token],
        sender: 'alice@exemple.fr',
        messageKey: expect.stringMatching(/^id:/),
        automatic: false,
        text: 'Oui\n',
      },
      expect.objectContaining({ automatic: true }),
    ]);
  });

  it('takes a few messages an hour per reply address, then asks the sender to come back later', async () => {
    const to = replyAddress(newReplyToken(), DOMAIN);
    const send = () => smtp.sendMail({ from: 'alice@exemple.fr', to, subject: 'Re', text: 'Encore' });
    await send();
    await send();
    await expect(send()).rejects.toMatchObject({ responseCode: 450 });
  });
});
