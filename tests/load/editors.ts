/**
 * A process of editors for `collab.ts` (forked, advanced IPC serialization): Hocuspocus
 * providers on one document, spread over several processes so that applying everybody's
 * changes does not make one benchmark process the bottleneck. Each editor writes its
 * paragraphs at the times it is given; for every paragraph, the process reports when the last
 * of its own editors had it (`seen`), and the benchmark takes the latest over all processes.
 */
import { COLLAB_FIELD } from '@atelier/contract';
import type * as Y from 'yjs';
import { XmlElement, XmlText } from 'yjs';
import { type CollabClient, openCollab } from '../support/collab';
import type { Session } from '../support/http';

export type ToEditors =
  | { cmd: 'open'; url: string; name: string; sessions: (Session | null)[] }
  | {
      cmd: 'write';
      /** Paragraph keys start with it: `<prefix>-<editor>-<k>`. */
      prefix: string;
      /** Global index of this process's first editor, and the number of editors in all. */
      first: number;
      total: number;
      edits: number;
      intervalMs: number;
      /** When the first edit is due (epoch ms). */
      startAt: number;
    }
  | { cmd: 'settle' }
  | { cmd: 'exit' };

export type FromEditors =
  | { type: 'ready'; count: number }
  | { type: 'seen'; key: string; sentAt: number; at: number }
  | { type: 'written' }
  | { type: 'settled' }
  | { type: 'error'; message: string };

const send = (message: FromEditors) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let editors: CollabClient[] = [];
/** Per paragraph key: how many of this process's editors have it, and when the last got it. */
const arrivals = new Map<string, { seen: number; at: number }>();

function observe(editor: CollabClient) {
  editor.doc.getXmlFragment(COLLAB_FIELD).observe((event) => {
    const at = now();
    for (const item of event.changes.added) {
      for (const node of item.content.getContent()) {
        const text = String(((node as Y.XmlElement).get(0) as Y.XmlText | undefined) ?? '');
        const [key, sentAt] = text.split('|');
        if (!key || !sentAt) continue;
        const entry = arrivals.get(key) ?? { seen: 0, at: 0 };
        entry.seen += 1;
        entry.at = Math.max(entry.at, at);
        if (entry.seen < editors.length) arrivals.set(key, entry);
        else {
          arrivals.delete(key);
          send({ type: 'seen', key, sentAt: Number(sentAt), at: entry.at });
        }
      }
    }
  });
}

async function write(message: Extract<ToEditors, { cmd: 'write' }>) {
  const step = message.intervalMs / message.total;
  const writes: Promise<void>[] = [];
  for (let k = 0; k < message.edits; k++) {
    editors.forEach((editor, i) => {
      const index = message.first + i;
      const dueAt = message.startAt + k * message.intervalMs + index * step;
      writes.push(
        sleep(Math.max(0, dueAt - now())).then(() => {
          const paragraph = new XmlElement('paragraph');
          paragraph.insert(0, [new XmlText(`${message.prefix}-${index}-${k}|${now()}`)]);
          const fragment = editor.doc.getXmlFragment(COLLAB_FIELD);
          fragment.insert(fragment.length, [paragraph]);
        }),
      );
    });
  }
  await Promise.all(writes);
  send({ type: 'written' });
}

process.on('message', (raw) => {
  const message = raw as ToEditors;
  const fail = (error: unknown) => send({ type: 'error', message: String((error as Error)?.stack ?? error) });
  if (message.cmd === 'open') {
    editors = message.sessions.map((session) => openCollab(message.url, message.name, session));
    for (const editor of editors) observe(editor);
    Promise.all(editors.map((editor) => editor.settled(120_000)))
      .then(() => send({ type: 'ready', count: editors.length }))
      .catch(fail);
  } else if (message.cmd === 'write') {
    write(message).catch(fail);
  } else if (message.cmd === 'settle') {
    Promise.all(editors.map((editor) => editor.settled(60_000)))
      .then(() => send({ type: 'settled' }))
      .catch(fail);
  } else {
    for (const editor of editors) editor.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
