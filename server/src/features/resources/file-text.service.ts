import type { Readable } from 'node:stream';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { ResourcesDeps } from './resources.deps';
import { type FileCursor, findFile, listUnreadFiles, setFileText } from './resources.queries';
import { isExtractable, truncateUtf8 } from './text-extraction';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Reads an uploaded PDF or office file's text into `files.text_content`, which search indexes. */
    'resources.extractText': { fileId: string };
    /** Queues the reading of files whose text never was, a batch at a time after `after`. */
    'resources.readUnreadTexts': { after: FileCursor | null };
  }
}

/**
 * A document is read in well under a second, at most 30 s (the extractor's limit); a run still
 * active after five minutes died with its process. Retries are for the storage or the database
 * failing, never for a document that cannot be read: that one ends the job at once.
 */
export const EXTRACT_TEXT_QUEUE = { attempts: 3, retryDelaySeconds: 30, expireInSeconds: 300 };

/** Queues the extraction of a new file's text, in the upload's transaction; images have none. */
export async function queueTextExtraction(
  trx: Db,
  deps: Pick<ResourcesDeps, 'jobs'>,
  file: { id: string; mimeType: string },
): Promise<void> {
  if (isExtractable(file.mimeType)) await deps.jobs.enqueue(trx, 'resources.extractText', { fileId: file.id });
}

type TextDeps = Pick<ResourcesDeps, 'db' | 'storage' | 'extractor' | 'maxBytes' | 'log'>;

/**
 * The `resources.extractText` job: reads the stored bytes, extracts their text and writes it.
 * A file deleted meanwhile is left as it is (its row, or its bytes, are gone); one larger than
 * the upload limit, or that the extractor cannot read (encrypted, corrupt, too slow), keeps an
 * empty text and a warning in the log. Running it twice writes the same text twice.
 */
export async function extractFileText(deps: TextDeps, fileId: string): Promise<void> {
  const file = await findFile(deps.db, fileId);
  if (!file || !isExtractable(file.mime_type)) return;
  const giveUp = async (reason: string) => {
    deps.log.warn({ fileId, mimeType: file.mime_type, reason }, 'resources: no text extracted from a file');
    await setFileText(deps.db, fileId);
  };
  if (Number(file.size_bytes) > deps.maxBytes) return giveUp('larger than the upload limit');
  const bytes = await readStored(deps, file.storage_key);
  if (bytes === 'missing') return;
  if (bytes === 'too_large') return giveUp('larger than the upload limit');
  const outcome = await deps.extractor.extract(bytes, file.mime_type);
  if (!outcome.ok) return giveUp(outcome.reason);
  await storeText(deps, fileId, outcome.text);
}

/** How many files one run of `resources.readUnreadTexts` looks at. */
const UNREAD_BATCH = 200;
/** A file this recent has its own job queued by the upload: the sweep leaves it to that job. */
const UNREAD_GRACE_MS = 10 * 60_000;

/**
 * The `resources.readUnreadTexts` job: files whose text was never read (uploaded before search
 * existed, or whose job gave up on a failing storage) get their reading queued, or are marked
 * read when they have no text (images). Returns the cursor for the next batch, null when done.
 */
export async function queueUnreadTexts(
  deps: Pick<ResourcesDeps, 'db' | 'jobs'>,
  input: { now: Date; after: FileCursor | null },
): Promise<FileCursor | null> {
  const before = new Date(input.now.getTime() - UNREAD_GRACE_MS);
  const files = await listUnreadFiles(deps.db, { before, after: input.after, limit: UNREAD_BATCH });
  for (const file of files) {
    if (isExtractable(file.mime_type)) {
      await deps.jobs.enqueue(deps.db, 'resources.extractText', { fileId: file.id }, { singletonKey: file.id });
    } else {
      await setFileText(deps.db, file.id);
    }
  }
  const last = files.at(-1);
  return files.length === UNREAD_BATCH && last ? { at: last.created_at.toISOString(), id: last.id } : null;
}

/** The stored bytes, at most the upload limit; 'missing' when they were removed (the file deleted). */
async function readStored(
  deps: Pick<TextDeps, 'storage' | 'maxBytes'>,
  key: string,
): Promise<Buffer | 'missing' | 'too_large'> {
  let stream: Readable;
  try {
    stream = await deps.storage.get(key);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return 'missing';
    throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > deps.maxBytes) {
      stream.destroy();
      return 'too_large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** PostgreSQL refuses a tsvector over 1 MB: the index's, made by the trigger from the text. */
const isTsvectorTooLong = (error: unknown) => (error as { code?: string }).code === '54000';

/**
 * Writes the text. A text of many distinct words (a spreadsheet of codes) can make the search
 * index's tsvector exceed PostgreSQL's 1 MB limit: it is halved, keeping its start, until it
 * fits (by 256 KiB any text does).
 */
async function storeText(deps: Pick<TextDeps, 'db' | 'log'>, fileId: string, text: string): Promise<void> {
  if (text === '') {
    await setFileText(deps.db, fileId);
    return;
  }
  for (let kept = text; ; kept = truncateUtf8(kept, Math.floor(Buffer.byteLength(kept) / 2))) {
    try {
      await setFileText(deps.db, fileId, kept);
      if (kept !== text) deps.log.warn({ fileId, kept: kept.length }, 'resources: extracted text shortened for search');
      return;
    } catch (error) {
      if (!isTsvectorTooLong(error)) throw error;
    }
  }
}
