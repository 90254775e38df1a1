/**
 * The heap of another Node process, read through its inspector (started with
 * `--inspect=127.0.0.1:<port>`): a full garbage collection first, so that what is left is what
 * the process holds, not what it has yet to collect.
 */
import WebSocket from 'ws';

export const inspectOption = (port: number) => `--inspect=127.0.0.1:${port}`;

export async function memoryAfterGc(port: number): Promise<{ heapUsed: number; rss: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let lastId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const answer = await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const value = (answer.result as { value?: string } | undefined)?.value;
    if (!value) throw new Error('the inspector gave no memory figures');
    const { heapUsed, rss } = JSON.parse(value) as { heapUsed: number; rss: number };
    return { heapUsed, rss };
  } finally {
    socket.close();
  }
}
