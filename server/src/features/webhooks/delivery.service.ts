import { WEBHOOK_LOG_SIZE } from '@atelier/contract';
import type { JobContext } from '../../plugins/jobs';
import { deliveryHeaders, sendWebhook } from './webhook-request';
import type { WebhooksDeps } from './webhooks.deps';
import {
  countFailure,
  findDeliveryToSend,
  findWebhookOwner,
  pruneDeliveries,
  recordAttempt,
  resetFailures,
} from './webhooks.queries';

/**
 * `webhooks.deliver`: one attempt to POST the delivery's body, signed, to its webhook. Its
 * outcome is written to the delivery (the log) each time. A busy or unreachable receiver makes
 * the job fail, so the queue retries it with backoff; a refusal (an address we do not deliver
 * to) or a receiver's "no" (4xx) ends it at once. A delivery that ends failed counts against
 * its webhook: WEBHOOK_DISABLE_AFTER in a row switch it off, and the person who added it is
 * mailed — in the same transaction, so the mail exists exactly when the switch-off does.
 */
export async function deliverWebhook(
  deps: Pick<WebhooksDeps, 'db' | 'mailer' | 'allowLoopback' | 'resolve' | 'disableAfter' | 'now' | 'log'>,
  job: Pick<JobContext<'webhooks.deliver'>, 'data' | 'attempt' | 'maxAttempts'>,
) {
  const delivery = await findDeliveryToSend(deps.db, job.data.deliveryId);
  // Gone with its webhook, or already finished by a previous run of this job.
  if (delivery?.status !== 'pending' || delivery.body === null) return;
  if (!delivery.enabled) {
    await recordAttempt(deps.db, delivery.id, {
      status: 'skipped',
      statusCode: null,
      durationMs: null,
      error: 'the webhook is switched off',
    });
    return;
  }

  const outcome = await sendWebhook({
    url: delivery.url,
    body: delivery.body,
    headers: deliveryHeaders({
      secret: delivery.secret,
      event: delivery.event,
      deliveryId: delivery.id,
      body: delivery.body,
      now: deps.now(),
    }),
    allowLoopback: deps.allowLoopback,
    resolve: deps.resolve,
  });

  if (outcome.kind === 'delivered') {
    await deps.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, delivery.id, { ...outcome, status: 'delivered', error: null });
      await resetFailures(trx, delivery.webhook_id);
      await pruneDeliveries(trx, delivery.webhook_id, WEBHOOK_LOG_SIZE);
    });
    return;
  }

  const lastChance = job.attempt >= job.maxAttempts;
  if (outcome.kind === 'retry' && !lastChance) {
    await recordAttempt(deps.db, delivery.id, {
      status: 'pending',
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
    });
    throw new Error(`webhook delivery to be retried: ${outcome.error}`);
  }

  deps.log.warn(
    { webhookId: delivery.webhook_id, deliveryId: delivery.id, error: outcome.error },
    'webhook delivery failed',
  );
  await deps.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, delivery.id, {
      status: outcome.kind === 'refused' ? 'refused' : 'failed',
      statusCode: 'statusCode' in outcome ? outcome.statusCode : null,
      durationMs: 'durationMs' in outcome ? outcome.durationMs : null,
      error: outcome.error,
    });
    const disabled = await countFailure(
      trx,
      delivery.webhook_id,
      deps.disableAfter,
      `${deps.disableAfter} deliveries failed in a row; last: ${outcome.error}`.slice(0, 500),
    );
    await pruneDeliveries(trx, delivery.webhook_id, WEBHOOK_LOG_SIZE);
    if (!disabled?.created_by) return;
    const owner = await findWebhookOwner(trx, disabled.created_by, disabled.space_id);
    if (!owner) return;
    await deps.mailer.sendDisabled(trx, owner, {
      spaceTitle: owner.title,
      spaceSlug: owner.slug,
      url: disabled.url,
      failures: deps.disableAfter,
    });
  });
}
