import { type ChildProcess, spawn } from 'node:child_process';
import type { FILE_ALLOWED_TYPES } from '@atelier/contract';

/**
 * The text of uploaded PDF and office files, for search. officeparser reads the documents, in
 * a child process of ours (`text-extraction-process.ts`): a document is untrusted input, and
 * parsing one can take seconds of synchronous work or gigabytes of memory. In the child, that
 * work never holds the server's event loop, a heap limit ends the child rather than the server,
 * and a document past its time is stopped by killing the child, which no library can refuse.
 * The child is started on the first document and kept for the next ones (starting it costs
 * about a second, a small document then takes milliseconds); it ends after a minute unused.
 */

/** The uploaded types whose text is extracted (FILE_ALLOWED_TYPES less images), and officeparser's name for each. */
const EXTRACTABLE_TYPES: ReadonlyMap<string, ExtractableFileType> = new Map<
  (typeof FILE_ALLOWED_TYPES)[number],
  ExtractableFileType
>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/vnd.oasis.opendocument.presentation', 'odp'],
]);
export type ExtractableFileType = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

export const isExtractable = (mimeType: string) => EXTRACTABLE_TYPES.has(mimeType);

/** At most this much text (UTF-8 bytes) is kept of a file: the rest is cut off. */
export const TEXT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Characters that vanish: private use (U+E000 and U+E001 among them, the marks search puts
 * around matches in excerpts; icon fonts' glyphs otherwise), format characters that hide inside
 * words (soft hyphens, zero-width joiners, byte order marks), lone surrogates and U+FFFD, what
 * undecodable glyphs become. The zero-width space separates words: it becomes a space.
 */
const INVISIBLE = /[\p{Co}\p{Cf}\p{Cs}\uFFFD]/gu;
const invisible = (character: string) => (character === '\u200B' ? ' ' : '');
/** Whitespace and control characters (NUL, which PostgreSQL text cannot hold, among them): one space. */
const BLANKS = /[\s\p{Cc}]+/gu;

/** The longest start of `text` whose UTF-8 encoding fits in `maxBytes`, never cutting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // A UTF-16 code unit never takes more than 3 bytes in UTF-8 (a pair takes 4).
  if (text.length * 3 <= maxBytes) return text;
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}

/** Extracted text as the search index takes it: one line of words, at most `maxBytes` long. */
export function toSearchableText(raw: string, maxBytes = TEXT_MAX_BYTES): string {
  // Normalising only removes characters: a start of 4 per byte kept is plenty, unless most are blank.
  const words = raw
    .slice(0, maxBytes * 4)
    .replace(INVISIBLE, invisible)
    .replace(BLANKS, ' ')
    .trim();
  return truncateUtf8(words, maxBytes).trimEnd();
}

export type ExtractionOutcome = { ok: true; text: string } | { ok: false; reason: string };

/** What the parent sends the child, and what it answers: once ready, then for each document. */
export interface ExtractionRequest {
  id: number;
  bytes: Uint8Array;
  fileType: ExtractableFileType;
  maxTextBytes: number;
}
export type ExtractionReply = { id: number } & ExtractionOutcome;
export type ChildMessage = { ready: true } | ExtractionReply;

export interface TextExtractor {
  /**
   * The text of a PDF or office file, normalised (`toSearchableText`); '' for other types. A
   * document that cannot be read (encrypted, corrupt, too big for the child's memory, too slow)
   * is a failed outcome. It throws only when the fault is not the document's — the child could
   * not start or be reached, or `close` was called (the server stopping), even mid-document —
   * so that its job is tried again. One document at a time: calls wait their turn.
   */
  extract(bytes: Uint8Array, mimeType: string): Promise<ExtractionOutcome>;
  /** Ends the child, if any; the document in hand and later calls throw. */
  close(): void;
}

export interface TextExtractorOptions {
  /** Time allowed for one document, once the child is ready (default 30 s). */
  timeoutMs: number;
  /** Time allowed for the child to start, a second or two unless the machine is very busy (default 60 s). */
  startTimeoutMs: number;
  maxTextBytes: number;
  /** The child's heap (default 1024 MB, as officeparser's own limit for pdf.js). */
  memoryMb: number;
  /** The child ends after this long without a document (default 60 s). */
  idleMs: number;
}

const DEFAULTS: TextExtractorOptions = {
  timeoutMs: 30_000,
  startTimeoutMs: 60_000,
  maxTextBytes: TEXT_MAX_BYTES,
  memoryMb: 1024,
  idleMs: 60_000,
};

interface Child {
  process: ChildProcess;
  /** Resolves once the child has loaded officeparser; rejects if it ends or takes too long first. */
  ready: Promise<void>;
}

const ended = (code: number | null, signal: NodeJS.Signals | null) => signal ?? `exit code ${code}`;

/**
 * Starts the child: its module is TypeScript, imported through tsx's scoped `tsImport` so that
 * only our files are compiled (tsx's global hooks made loading pdf.js ten times slower). It gets
 * none of the server's environment: no secrets (database, S3, SMTP) for a process that opens
 * untrusted files.
 */
function startChild(options: Pick<TextExtractorOptions, 'memoryMb' | 'startTimeoutMs'>): Child {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./text-extraction-process.ts', import.meta.url).href;
  const bootstrap = `const { tsImport } = await import(${JSON.stringify(tsx)}); await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${options.memoryMb}`, '--input-type=module', '-e', bootstrap],
    {
      env: process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {},
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    },
  );
  // The child never keeps the server alive; closing the app ends it, and it ends itself when
  // the server is gone (its IPC channel closes).
  child.unref();
  child.channel?.unref();
  // A failure to spawn shows as its exit.
  child.on('error', () => undefined);
  const ready = new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!error) return resolve();
      child.kill('SIGKILL');
      reject(error);
    };
    const onMessage = (message: ChildMessage) => {
      if ('ready' in message) settle();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(new Error(`the extraction process ended as it started (${ended(code, signal)})`));
    const timer = setTimeout(
      () => settle(new Error(`the extraction process did not start in ${options.startTimeoutMs} ms`)),
      options.startTimeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  ready.catch(() => undefined);
  return { process: child, ready };
}

const extractorClosed = () => new Error('the text extractor was closed');

export function createTextExtractor(options: Partial<TextExtractorOptions> = {}): TextExtractor {
  const settings = { ...DEFAULTS, ...options };
  let child: Child | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  let closed = false;

  const stopChild = (which = child) => {
    which?.process.kill('SIGKILL');
    if (child === which) child = null;
  };

  /** The running child, or a new one once the last died between documents or ended idle. */
  async function readyChild(): Promise<Child> {
    if (child && !child.process.connected) stopChild();
    const current = child ?? startChild(settings);
    child = current;
    try {
      await current.ready;
    } catch (error) {
      stopChild(current);
      throw closed ? extractorClosed() : error;
    }
    if (closed) throw extractorClosed();
    return current;
  }

  async function run(bytes: Uint8Array, fileType: ExtractableFileType): Promise<ExtractionOutcome> {
    if (closed) throw extractorClosed();
    clearTimeout(idleTimer);
    const current = await readyChild();
    const id = nextId++;
    try {
      return await new Promise<ExtractionOutcome>((resolve, reject) => {
        const finish = (outcome: ExtractionOutcome | Error) => {
          clearTimeout(timer);
          current.process.off('message', onMessage);
          current.process.off('exit', onExit);
          // Ended by `close` (the server stopping), not by the document: not the document's failure.
          if (closed) reject(extractorClosed());
          else if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const onMessage = (message: ChildMessage) => {
          if ('id' in message && message.id === id) finish(message);
        };
        // The document took the child's whole heap, or crashed it.
        const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
          finish({ ok: false, reason: `the extraction process ended (${ended(code, signal)})` });
        const timer = setTimeout(() => {
          stopChild(current);
          finish({ ok: false, reason: `no text after ${settings.timeoutMs} ms` });
        }, settings.timeoutMs);
        current.process.on('message', onMessage);
        current.process.once('exit', onExit);
        const request: ExtractionRequest = { id, bytes, fileType, maxTextBytes: settings.maxTextBytes };
        current.process.send(request, (error) => {
          if (error) finish(new Error(`the extraction process is unreachable: ${error.message}`));
        });
      });
    } finally {
      if (child === current && current.process.connected) {
        idleTimer = setTimeout(() => stopChild(current), settings.idleMs);
        idleTimer.unref();
      } else stopChild(current);
    }
  }

  return {
    extract(bytes, mimeType) {
      const fileType = EXTRACTABLE_TYPES.get(mimeType);
      if (!fileType) return Promise.resolve({ ok: true, text: '' });
      const outcome = turn.then(() => run(bytes, fileType));
      turn = outcome.catch(() => undefined);
      return outcome;
    },
    close() {
      closed = true;
      clearTimeout(idleTimer);
      stopChild();
    },
  };
}
