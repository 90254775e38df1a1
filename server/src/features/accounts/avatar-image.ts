import { rm } from 'node:fs/promises';
import { AVATAR_ALLOWED_TYPES, AVATAR_SIZE, LOGO_SIZE } from '@atelier/contract';
import sharp from 'sharp';
import { AppError } from '../../errors';
import { type AllowedTypes, MAX_INPUT_PIXELS, type ReceivedFile, sniffAllowedType } from '../resources/upload';

/**
 * Pictures people send: profile pictures, and organisations' logos (organisation-logos.service.ts).
 * Both are redrawn the same way; only how the image fills its square differs.
 */

/** What a picture may be sent as, decided from its bytes (`sniffAllowedType`). */
export const PICTURE_TYPES: AllowedTypes = {
  mimes: new Set(AVATAR_ALLOWED_TYPES),
  refusal: 'only PNG, JPEG, WebP and GIF images are accepted',
};

/** What every stored picture is. */
export const PICTURE_TYPE = 'image/webp';

/** How the image fills its square: cut from the middle (a face), or fitted whole (a logo, never cropped). */
type Framing = 'cover' | 'contain';

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

/**
 * The picture as it is stored and served: a `size` × `size` WebP, turned upright, the first
 * frame of an animation. What is stored is always this re-encoding, never the bytes that were
 * sent, and sharp writes no metadata (EXIF, GPS positions, comments) unless asked to. An image
 * that cannot be decoded — truncated (sharp fails on libvips' warnings by default), corrupt, or
 * over MAX_INPUT_PIXELS, a "decompression bomb" whose size is refused from its header before
 * any pixel is decoded — is 400 `image_unreadable`.
 */
async function redraw(path: string, size: number, framing: Framing): Promise<Buffer> {
  try {
    return await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
      .resize(
        size,
        size,
        framing === 'cover' ? { fit: 'cover', position: 'centre' } : { fit: 'contain', background: TRANSPARENT },
      )
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError('image_unreadable', 'this image cannot be read: it is damaged, or too large to decode');
  }
}

/** A profile picture: 256 × 256, cut from the middle of the image. */
export const makeAvatar = (path: string) => redraw(path, AVATAR_SIZE, 'cover');

/** An organisation's logo: the whole logo inside 256 × 256, the rest transparent. */
export const makeLogo = (path: string) => redraw(path, LOGO_SIZE, 'contain');

/**
 * An uploaded picture, checked and redrawn: its type sniffed from the bytes (415
 * `file_type_forbidden` for anything but PICTURE_TYPES), then `make` (400 `image_unreadable`).
 * The temporary file is removed whatever happens, so a refused upload leaves nothing behind.
 */
export async function redrawUpload(received: ReceivedFile, make: (path: string) => Promise<Buffer>): Promise<Buffer> {
  try {
    await sniffAllowedType(received.path, PICTURE_TYPES);
    return await make(received.path);
  } finally {
    await rm(received.path, { force: true });
  }
}
