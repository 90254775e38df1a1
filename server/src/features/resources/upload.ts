import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_ALLOWED_TYPES } from '@atelier/contract';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../../errors';

/**
 * Where uploads wait while they are checked: under DATA_DIR (not /tmp), on the same disk as
 * the files, and nowhere a refused upload could linger unseen. Each one is removed once handled.
 */
export const uploadTmpDir = (dataDir: string) => join(resolve(dataDir), 'tmp', 'uploads');

/** An upload written to a temporary file, not yet trusted: its type is still unknown. */
export interface ReceivedFile {
  /** The temporary file; whoever receives it removes it. */
  path: string;
  /** The name the browser sent, as is (cleaned later, once the type is known). */
  rawName: string;
  size: number;
  sha256: string;
}

const readableSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MiB` : `${Math.floor(bytes / 1024)} KiB`;

export const fileTooLarge = (maxBytes: number) =>
  new AppError('file_too_large', `files may not be larger than ${readableSize(maxBytes)}`);

const onePartNamedFile = () =>
  new AppError('invalid_input', 'send one file in a multipart/form-data part named "file"', {
    file: ['required'],
  });

/** The multipart limits: one file part, a handful of tiny fields, nothing else. */
export const uploadLimits = (maxBytes: number) => ({
  fileSize: maxBytes,
  files: 1,
  fields: 4,
  fieldSize: 1024,
  fieldNameSize: 100,
  parts: 5,
  headerPairs: 20,
});

/** Maps the multipart plugin's own errors to the contract's codes. */
function multipartError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('unsupported_media_type', 'send the file as multipart/form-data');
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return onePartNamedFile();
  }
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_MP_PREMATURE_CLOSE') {
    return new AppError('invalid_input', 'the multipart body is not valid');
  }
  if (error instanceof Error && /multipart|boundary|terminated early/i.test(error.message)) {
    return new AppError('invalid_input', 'the multipart body is not valid');
  }
  return error;
}

/**
 * Streams the request's file part to a temporary file in `tmpDir`, hashing it on the way, so
 * that a 20 MiB upload never sits in memory. Over `maxBytes` → 413 `file_too_large` with the
 * partial file already removed: nothing of a refused upload stays on disk.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: { tmpDir: string; maxBytes: number },
): Promise<ReceivedFile> {
  const { tmpDir, maxBytes } = options;
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: uploadLimits(maxBytes) });
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  if (!part) throw onePartNamedFile();
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw onePartNamedFile();
  }
  await mkdir(tmpDir, { recursive: true });
  const path = join(tmpDir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, measure, createWriteStream(path, { flags: 'wx' }));
    // Busboy cuts the part at the limit and flags it; the plugin may or may not have thrown.
    if (part.file.truncated || size > maxBytes) throw fileTooLarge(maxBytes);
  } catch (error) {
    await rm(path, { force: true });
    throw multipartError(error, maxBytes);
  }
  return { path, rawName: part.filename ?? '', size, sha256: hash.digest('hex') };
}

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** The types an upload may have, and the sentence that refuses the others. */
export interface AllowedTypes {
  mimes: ReadonlySet<string>;
  refusal: string;
}

/** A space's files: FILE_ALLOWED_TYPES. */
export const FILE_TYPES: AllowedTypes = {
  mimes: new Set(FILE_ALLOWED_TYPES),
  refusal:
    'only PDF, office documents (Word, Excel, PowerPoint, OpenDocument) and images (PNG, JPEG, WebP, GIF) are accepted',
};

/**
 * The file's type, decided from its content by its magic numbers (and, for zip-based office
 * formats, by the entries inside the archive). Anything not in `allowed`, or not recognised at
 * all (plain text, HTML, SVG, scripts), → 415 `file_type_forbidden`.
 */
export async function sniffAllowedType(path: string, allowed: AllowedTypes = FILE_TYPES): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (!detected || !allowed.mimes.has(detected.mime)) throw new AppError('file_type_forbidden', allowed.refusal);
  return detected.mime;
}

export const PREVIEW_WIDTH = 480;
export const PREVIEW_TYPE = 'image/webp';
/** Larger images are not decoded: a 16k × 16k "image bomb" would eat the memory. */
export const MAX_INPUT_PIXELS = 50_000_000;

/**
 * A small WebP of an image (at most 480 px wide, the first frame of an animation, turned
 * upright, metadata such as GPS positions dropped). Null when the image cannot be decoded:
 * its header was right, so it is kept, only without a preview.
 */
export async function makePreview(path: string): Promise<Buffer | null> {
  try {
    return await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
      .resize({ width: PREVIEW_WIDTH, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}
