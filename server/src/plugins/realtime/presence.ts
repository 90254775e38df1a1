import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeServer } from './types';

const PRESENCE_DEBOUNCE_MS = 1000;

/**
 * "3 personnes lisent ce fil": the number of distinct people subscribed to a room, across
 * every process. Each process knows only its own sockets, so with the Redis adapter it asks
 * the others (`serverSideEmitWithAck`, answered with user ids, not whole sockets as
 * `fetchSockets` would carry). Announcements are debounced per room: a crowd arriving at
 * once causes one broadcast a second, not one per arrival times the crowd.
 */
export function createPresence(io: RealtimeServer, options: { clustered: boolean; log: FastifyBaseLogger }) {
  const timers = new Map<string, NodeJS.Timeout>();

  const localKeys = (room: string): string[] => {
    const ids = io.of('/').adapter.rooms.get(room);
    if (!ids) return [];
    const keys: string[] = [];
    for (const id of ids) {
      const socket = io.of('/').sockets.get(id);
      if (socket) keys.push(socket.data.actor?.id ?? `anonymous#${id}`);
    }
    return keys;
  };

  // Asked by another process: plain strings in, plain strings out, and never a throw that
  // could take this process down for another's question.
  if (options.clustered) {
    io.on('presence:keys', (room, reply) => {
      try {
        reply(typeof room === 'string' ? localKeys(room) : []);
      } catch (error) {
        options.log.warn({ err: error }, 'realtime: could not answer a presence count');
      }
    });
  }

  async function count(room: string): Promise<number> {
    const keys = new Set(localKeys(room));
    if (options.clustered) {
      // On timeout (a process died and the adapter's heartbeat has not noticed yet) the
      // answers that did arrive still count.
      const answers = await new Promise<string[][]>((resolve) => {
        io.serverSideEmit('presence:keys', room, (error: Error | null, responses: string[][]) => {
          if (error) options.log.debug({ err: error, room }, 'realtime: partial presence count');
          resolve(responses ?? []);
        });
      });
      for (const answer of answers) for (const key of answer) keys.add(key);
    }
    return keys.size;
  }

  function schedule(room: string) {
    if (timers.has(room)) return;
    const timer = setTimeout(async () => {
      timers.delete(room);
      const people = await count(room);
      io.to(room).emit('ephemeral', { room, type: 'presence', data: { count: people } });
    }, PRESENCE_DEBOUNCE_MS);
    timer.unref();
    timers.set(room, timer);
  }

  function close() {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  }

  return { count, schedule, close };
}
