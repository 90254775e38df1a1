import { AVATAR_ALLOWED_TYPES, AVATAR_SIZE } from '@atelier/contract';
import sharp from 'sharp';
import { AppError } from '../../errors';
import { type AllowedTypes, MAX_INPUT_PIXELS } from '../resources/upload';

/** What a profile picture may be sent as, decided from its bytes (`sniffAllowedType`). */
export const AVATAR_TYPES: AllowedTypes = {
  mimes: new Set(AVATAR_ALLOWED_TYPES),
  refusal: 'only PNG, JPEG, WebP and GIF images are accepted',
};

/** What every stored picture is. */
export const AVATAR_TYPE = 'image/webp';

/**
 * The picture as it is stored and served: a 256 × 256 WebP cut from the middle of the image,
 * turned upright, the first frame of an animation. What is stored is always this re-encoding,
 * never the bytes that were sent, and sharp writes no metadata (EXIF, GPS positions, comments)
 * unless asked to. An image that cannot be decoded — truncated (sharp fails on libvips'
 * warnings by default), corrupt, or over MAX_INPUT_PIXELS, a "decompression bomb" whose size
 * is refused from its header before any pixel is decoded — is 400 `image_unreadable`.
 */
export async function makeAvatar(path: string): Promise<Buffer> {
  try {
    return await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError('image_unreadable', 'this image cannot be read: it is damaged, or too large to decode');
  }
}
