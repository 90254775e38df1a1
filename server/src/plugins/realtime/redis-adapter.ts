import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * The socket.io adapter for several processes: Redis Streams (see server/README.md for why).
 * Broadcasts go through one capped stream that every process reads from its last offset, so
 * a process that loses Redis for a moment catches up instead of silently missing events;
 * requests between processes (presence counts) go through plain pub/sub.
 */
export function createRedisAdapter(url: string, log: FastifyBaseLogger) {
  const redis = new Redis(url, { connectTimeout: 2000 });
  redis.on('error', (error) => log.warn({ err: error }, 'realtime: redis connection error'));
  const adapter = createAdapter(redis, {
    streamName: 'atelier:socket.io',
    channelPrefix: 'atelier:socket.io',
    maxLen: 10_000,
    onlyPlaintext: true,
  });
  return { adapter, close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
