import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config';
import { createInboundSmtp } from './inbound-smtp';
import { replyByMailDepsOf } from './reply-by-mail.deps';
import { processReply, pruneReplies, receiveReply } from './reply-by-mail.service';

/** Largest message accepted: an answer and its quoted history, not attachments. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Pruning runs every six hours (pg-boss's windows stop at twelve). */
const PRUNE_EVERY_SECONDS = 6 * 60 * 60;

/**
 * Reply by mail: no HTTP route. Declares the jobs that decide about received answers (every
 * process may run them) and, in a process with `INBOUND_SMTP_PORT`, the SMTP listener that
 * receives them — listening once the app is ready, closed before it closes, so that nothing
 * is accepted that could not be stored.
 */
export const replyByMailRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const deps = replyByMailDepsOf(app, { publicUrl: config.publicUrl, groupSeconds: config.mailGroupSeconds });
  app.jobs.work('reply-by-mail.process', (job) => processReply(deps, job.data.inboundId), {
    attempts: 5,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
  });
  const nextPrune = () => app.jobs.enqueue(app.db, 'reply-by-mail.prune', {}, { oncePerSeconds: PRUNE_EVERY_SECONDS });
  app.jobs.work('reply-by-mail.prune', async () => {
    await pruneReplies(deps);
    await nextPrune();
  });
  // Every process (re)starts the chain; the one-per-window rule keeps it single.
  app.addHook('onReady', async () => {
    await nextPrune();
  });

  const smtp = config.replyByMail?.smtp;
  if (!config.replyByMail || !smtp) return;
  const server = createInboundSmtp({
    domain: config.replyByMail.domain,
    maxBytes: MAX_MESSAGE_BYTES,
    limits: config.rateLimits.enabled ? { perAddressPerHour: 10, perSenderPerHour: 30 } : undefined,
    log: app.log,
    receive: (message) => receiveReply(deps, message),
  });
  app.addHook('onReady', async () => {
    const bound = await server.listen(smtp.port, smtp.host);
    app.log.info({ address: bound.address, port: bound.port }, 'reply by mail: listening');
  });
  app.addHook('preClose', async () => {
    await server.close();
  });
};
