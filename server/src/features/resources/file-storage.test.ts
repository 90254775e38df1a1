import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../test/fake-s3';
import { filesUnder, tempDataDir } from '../../test/files';
import { assertStorageKey, diskStorage, s3Client, s3Storage } from './file-storage';

const info = { contentType: 'application/pdf', size: 5 };

describe('storage keys', () => {
  it.each(['../x', '..', 'a/b', 'a\\b', '/etc/passwd', 'A', '', 'x\u0000', '.hidden', 'a..b', 'é'])(
    'refuses %j',
    (key) => {
      expect(() => assertStorageKey(key)).toThrow(/invalid storage key/);
    },
  );

  it('accepts the keys the server makes', () => {
    expect(() => assertStorageKey('0b5c9f7e-2a4d-4f0e-9d55-3c1b2a9e8f10')).not.toThrow();
    expect(() => assertStorageKey('0b5c9f7e-2a4d-4f0e-9d55-3c1b2a9e8f10.preview')).not.toThrow();
  });
});

describe('disk storage', () => {
  let dir: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    dir = await tempDataDir();
  });
  afterAll(async () => {
    await dir.remove();
  });

  it('stores, reads back and deletes, leaving nothing behind', async () => {
    const storage = diskStorage(join(dir.path, 'files'));
    await storage.put('abc', Buffer.from('hello'), info);
    await storage.put('def', Readable.from([Buffer.from('wor'), Buffer.from('ld')]), info);
    expect(await text(await storage.get('abc'))).toBe('hello');
    expect(await readFile(join(dir.path, 'files', 'def'), 'utf8')).toBe('world');
    await storage.delete('abc');
    await storage.delete('abc');
    await storage.delete('def');
    expect(await filesUnder(dir.path)).toEqual([]);
  });

  it('answers 404 for a missing key', async () => {
    await expect(diskStorage(join(dir.path, 'files')).get('missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never writes outside its folder', async () => {
    const storage = diskStorage(join(dir.path, 'inside'));
    await expect(storage.put('../outside', Buffer.from('x'), info)).rejects.toThrow(/invalid storage key/);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/invalid storage key/);
    expect(await filesUnder(dir.path)).toEqual([]);
  });
});

describe('S3 storage, with the real AWS client against an in-process S3 stand-in', () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(async () => {
    await s3.close();
  });

  const storageFor = () => {
    const client = s3Client({
      bucket: 'atelier',
      endpoint: s3.url,
      region: 'fr-par',
      credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
      forcePathStyle: true,
    });
    return { client, storage: s3Storage(client, 'atelier') };
  };

  it('puts, gets and deletes objects in the bucket, signed with the credentials', async () => {
    const { client, storage } = storageFor();
    try {
      await storage.put('abc', Buffer.from('bonjour'), { contentType: 'application/pdf', size: 7 });
      await storage.put('def.preview', Readable.from([Buffer.from('str'), Buffer.from('eam')]), {
        contentType: 'image/webp',
        size: 6,
      });
      expect(s3.objects.get('/atelier/abc')).toEqual({ body: Buffer.from('bonjour'), contentType: 'application/pdf' });
      expect(s3.objects.get('/atelier/def.preview')?.body.toString()).toBe('stream');
      expect(await text(await storage.get('abc'))).toBe('bonjour');
      await storage.delete('abc');
      expect(s3.objects.has('/atelier/abc')).toBe(false);
      expect(s3.requests.every((r) => r.authorization?.includes('Credential=test-key/'))).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('answers 404 for a missing object', async () => {
    const { client, storage } = storageFor();
    try {
      await expect(storage.get('missing')).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      client.destroy();
    }
  });

  it('refuses keys it did not make before sending anything', async () => {
    const { client, storage } = storageFor();
    const before = s3.requests.length;
    try {
      await expect(storage.put('../other-bucket/x', Buffer.from('x'), info)).rejects.toThrow(/invalid storage key/);
      expect(s3.requests.length).toBe(before);
    } finally {
      client.destroy();
    }
  });
});
