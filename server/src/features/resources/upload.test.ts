import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_ALLOWED_TYPES } from '@atelier/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples, tempDataDir } from '../../test/files';
import { makePreview, PREVIEW_WIDTH, sniffAllowedType } from './upload';

let dir: Awaited<ReturnType<typeof tempDataDir>>;
let counter = 0;
const onDisk = async (content: Buffer) => {
  const path = join(dir.path, `sample-${counter++}`);
  await writeFile(path, content);
  return path;
};

beforeAll(async () => {
  dir = await tempDataDir();
});
afterAll(async () => {
  await dir.remove();
});

describe('sniffAllowedType', () => {
  const accepted: [keyof typeof samples, (typeof FILE_ALLOWED_TYPES)[number]][] = [
    ['pdf', 'application/pdf'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['odt', 'application/vnd.oasis.opendocument.text'],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['odp', 'application/vnd.oasis.opendocument.presentation'],
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
  ];

  it('covers every allowed type', () => {
    expect(new Set(accepted.map(([, type]) => type))).toEqual(new Set(FILE_ALLOWED_TYPES));
  });

  it.each(accepted)('recognises %s from its content', async (sample, type) => {
    const content = await samples[sample]();
    expect(await sniffAllowedType(await onDisk(content))).toBe(type);
  });

  it.each(['docm', 'plainZip', 'exe', 'html', 'svg', 'text'] as const)(
    'refuses %s with 415 file_type_forbidden',
    async (sample) => {
      const path = await onDisk(await samples[sample]());
      await expect(sniffAllowedType(path)).rejects.toMatchObject({ code: 'file_type_forbidden', status: 415 });
    },
  );

  it('refuses an empty file', async () => {
    await expect(sniffAllowedType(await onDisk(Buffer.alloc(0)))).rejects.toMatchObject({
      code: 'file_type_forbidden',
    });
  });
});

describe('makePreview', () => {
  it('makes a WebP at most 480 px wide, keeping the proportions', async () => {
    const preview = await makePreview(await onDisk(await samples.png(1200, 800)));
    expect(preview).not.toBeNull();
    const meta = await sharp(preview as Buffer).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(PREVIEW_WIDTH);
    expect(meta.height).toBe(320);
  });

  it('does not enlarge small images', async () => {
    const preview = await makePreview(await onDisk(await samples.gif()));
    expect((await sharp(preview as Buffer).metadata()).width).toBe(300);
  });

  it('gives null for an image it cannot decode', async () => {
    const png = await samples.png();
    expect(await makePreview(await onDisk(png.subarray(0, 64)))).toBeNull();
  });
});
