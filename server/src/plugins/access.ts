import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Config } from '../config';

/**
 * What changed, as plain data (it crosses processes through Redis):
 * - `user`: a person's sessions or account changed (sign-out, sign-in rotating the session,
 *   password change or reset): their connections must find their session again or close;
 * - `membership`: a person's membership of a space ended or narrowed (left, removed, role);
 * - `space`: a space's visibility, join policy or state changed: everyone connected to it.
 */
export const AccessChangeSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('user'), userId: z.uuid() }),
  z.strictObject({ scope: z.literal('membership'), userId: z.uuid(), spaceId: z.uuid() }),
  z.strictObject({ scope: z.literal('space'), spaceId: z.uuid() }),
]);
export type AccessChange = z.infer<typeof AccessChangeSchema>;

const MessageSchema = z.strictObject({ origin: z.string(), change: AccessChangeSchema });

/** Re-evaluates this process's open connections after a change; must not throw. */
export type AccessChangeHandler = (change: AccessChange) => Promise<void>;

export interface AccessChanges {
  /**
   * Announces a change that may narrow someone's access, once it is committed. This process's
   * connections are re-evaluated before it resolves; other processes hear of it through Redis.
   */
  changed(change: AccessChange): Promise<void>;
  /** Registers a re-evaluation of open connections (realtime rooms, collab documents). */
  onChange(handler: AccessChangeHandler): void;
  /**
   * Counts the changes this process has heard of. A check that spans an await (subscribe,
   * collab authentication) compares it before and after: if it moved, a change may have been
   * re-evaluated before the connection was in place, so the check runs again.
   */
  epoch(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessChanges;
  }
}

const CHANNEL = 'atelier:access-changed';

/**
 * The one signal for "access may have narrowed": every change that can take a right away
 * publishes it, and each process re-evaluates, with the policy, the live connections of the
 * people and spaces concerned. A check at connect time alone would let an open socket keep
 * what its person may no longer do.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const handlers: AccessChangeHandler[] = [];
    const origin = randomUUID();
    let epoch = 0;

    const runLocally = async (change: AccessChange) => {
      epoch += 1;
      for (const handler of handlers) {
        try {
          await handler(change);
        } catch (error) {
          app.log.error({ err: error, change }, 'access: re-evaluation failed');
        }
      }
    };

    const bus = options.config.redisUrl ? createBus(options.config.redisUrl, origin, app.log, runLocally) : undefined;
    if (bus) {
      await bus.ready;
      app.addHook('onClose', bus.close);
    }

    app.decorate('access', {
      async changed(change) {
        bus?.publish(change);
        await runLocally(change);
      },
      onChange: (handler) => void handlers.push(handler),
      epoch: () => epoch,
    } satisfies AccessChanges);
  },
  { name: 'access' },
);

/**
 * Redis pub/sub between processes. Messages are plain JSON, validated on arrival; a bad
 * message or a lost connection is logged, never fatal to this process or another.
 */
function createBus(
  url: string,
  origin: string,
  log: FastifyBaseLogger,
  deliver: (change: AccessChange) => Promise<void>,
) {
  const options = { connectTimeout: 2000, maxRetriesPerRequest: 2 };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const client of [publisher, subscriber]) {
    client.on('error', (error) => log.warn({ err: error }, 'access: redis connection error'));
  }
  subscriber.on('message', (_channel: string, raw: string) => {
    let parsed: z.infer<typeof MessageSchema>;
    try {
      parsed = MessageSchema.parse(JSON.parse(raw));
    } catch (error) {
      log.warn({ err: error }, 'access: ignored a malformed message');
      return;
    }
    if (parsed.origin !== origin) void deliver(parsed.change);
  });
  return {
    ready: subscriber.subscribe(CHANNEL),
    publish(change: AccessChange) {
      publisher
        .publish(CHANNEL, JSON.stringify({ origin, change }))
        .catch((error) => log.error({ err: error, change }, 'access: could not tell the other processes'));
    },
    async close() {
      await Promise.all([publisher, subscriber].map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
