import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { connect, listen, type TestSocket } from '../../test/sockets';
import type { TestPerson } from '../spaces/spaces.fixtures';

export interface SocketTestApp {
  /** The test app; set once the file's first `beforeAll` has run. */
  readonly ctx: TestContext;
  /** Connects a socket as `person` (anonymous when null); it is closed with the app. */
  open(person: TestPerson | null): Promise<TestSocket>;
}

/**
 * For socket tests: a test app listening on a free port, started before the file's tests and
 * closed after them with every socket opened through it. Call it at the top of the file,
 * before any `beforeAll` that uses `ctx`.
 */
export function socketTestApp(): SocketTestApp {
  let ctx: TestContext | undefined;
  let url = '';
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await ctx?.close();
  });

  return {
    get ctx() {
      if (!ctx) throw new Error('socketTestApp: the app starts in beforeAll');
      return ctx;
    },
    async open(person) {
      const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
      sockets.push(socket);
      return socket;
    },
  };
}
