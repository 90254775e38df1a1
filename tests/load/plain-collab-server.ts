/**
 * The baseline of `collab.ts`, forked as its own process like the real server: a plain
 * Hocuspocus server (the server's own copy, same version) with no authentication and no
 * database. Documents live in this process's memory as Yjs updates: loading one applies its
 * update to a fresh Y.Doc, as the real server applies what it reads from PostgreSQL; storing
 * one (on unload) keeps its state. `document` hands it a document over IPC; `loads` answers how
 * many times documents were loaded and how many are open now, so that the benchmark knows a
 * load was cold.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../support/server';

export type ToPlainServer = { cmd: 'document'; name: string; update: Uint8Array } | { cmd: 'loads' } | { cmd: 'exit' };
export type FromPlainServer = { type: 'listening'; port: number } | { type: 'loads'; loads: number; open: number };

interface MinimalDoc {
  readonly _minimalDoc?: never;
}
interface HookPayload {
  documentName: string;
  document: MinimalDoc;
}
interface MinimalServer {
  listen(): Promise<unknown>;
  address: { port: number };
  hocuspocus: { getDocumentsCount(): number };
}
type ServerConstructor = new (configuration: Record<string, unknown>) => MinimalServer;

// Hocuspocus and Yjs are dependencies of the server package, not of the tests: load the
// server's copies, so that documents are the Yjs instances Hocuspocus itself works with.
const requireFromServer = createRequire(join(repoRoot, 'server', 'package.json'));
const { Server } = requireFromServer('@hocuspocus/server') as { Server: ServerConstructor };
const Y = requireFromServer('yjs') as {
  applyUpdate(doc: MinimalDoc, update: Uint8Array): void;
  encodeStateAsUpdate(doc: MinimalDoc): Uint8Array;
};

const stored = new Map<string, Uint8Array>();
let loads = 0;

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }: HookPayload) {
    loads += 1;
    const update = stored.get(documentName);
    if (update) Y.applyUpdate(document, update);
    return document;
  },
  async onStoreDocument({ documentName, document }: HookPayload) {
    stored.set(documentName, Y.encodeStateAsUpdate(document));
  },
});

const send = (message: FromPlainServer) => process.send?.(message);

process.on('message', (raw) => {
  const message = raw as ToPlainServer;
  if (message.cmd === 'document') stored.set(message.name, message.update);
  else if (message.cmd === 'loads') send({ type: 'loads', loads, open: server.hocuspocus.getDocumentsCount() });
  else process.exit(0);
});
process.on('disconnect', () => process.exit(0));

await server.listen();
send({ type: 'listening', port: server.address.port });
