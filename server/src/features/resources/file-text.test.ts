import { join } from 'node:path';
import type { SearchResults } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { documentsWithText, samples, tempDataDir } from '../../test/files';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { diskStorage } from './file-storage';
import { extractFileText, queueUnreadTexts } from './file-text.service';
import type { TextExtractor } from './text-extraction';

/**
 * The text of uploaded PDF and office files: the `resources.extractText` job queued by the
 * upload reads it into `files.text_content`, and search finds the file by its words. A file
 * that cannot be read keeps no text and its job ends at once; a file deleted meanwhile stays out.
 * Files uploaded before search existed are found by a sweep and read in turn.
 */

let ctx: JobsTestApp;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let animateur: TestPerson;
let space: { id: string; slug: string };

const db = () => ctx.database.db;

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createJobsTestApp({ env: { DATA_DIR: dataDir.path } });
  animateur = await createPerson(ctx);
  space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', title: 'Chantier énergie' });
  await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
});
afterAll(async () => {
  await ctx?.close();
  await dataDir?.remove();
});

async function uploaded(filename: string, content: Buffer) {
  const response = await upload(ctx, animateur, space.slug, { filename, content });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().file.id as string;
}

const textOf = async (fileId: string) =>
  (await db().selectFrom('files').select('text_content').where('id', '=', fileId).executeTakeFirstOrThrow())
    .text_content;

/** The extraction jobs of a file: their state and how many times each was retried. */
const jobsOf = async (fileId: string) =>
  (
    await sql<{ state: string; retry_count: number }>`select state, retry_count from pgboss.job
      where name = 'resources.extractText' and data->>'fileId' = ${fileId}`.execute(db())
  ).rows;

const searchFiles = async (query: string) => {
  const response = await request(ctx, null, 'GET', `/api/search?q=${query}&type=file`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as SearchResults).items;
};

describe('resources.extractText', () => {
  it('reads a PDF, a Word document and an OpenDocument text; anyone finds them by their words', async () => {
    const pdf = await uploaded(
      'Étude.pdf',
      await documentsWithText.pdf(['Les réseaux de chaleur du territoire', 'Bois énergie et géothermie']),
    );
    const docx = await uploaded(
      'compte-rendu.docx',
      documentsWithText.docx(['Compte rendu', 'Extension du réseau de chaleur urbain']),
    );
    const odt = await uploaded('notes.odt', documentsWithText.odt(['Notes de l’atelier', 'Chaleur renouvelable']));

    // The first document starts the extraction process: a second or two, more on a busy machine.
    await expect
      .poll(() => textOf(pdf), { timeout: 60_000 })
      .toBe('Les réseaux de chaleur du territoire Bois énergie et géothermie');
    await expect.poll(() => textOf(docx)).toBe('Compte rendu Extension du réseau de chaleur urbain');
    await expect.poll(() => textOf(odt)).toBe('Notes de l’atelier Chaleur renouvelable');

    const found = await searchFiles('reseau+chaleur');
    expect(found.map((item) => item.id).sort()).toEqual([pdf, docx].sort());
    for (const item of found) {
      expect(item).toMatchObject({ type: 'file', url: `/api/files/${item.id}/download` });
      expect(item.excerpt).toMatch(/<mark>réseaux?<\/mark> de <mark>chaleur<\/mark>/);
    }
    expect((await searchFiles('chaleur+renouvelable')).map((item) => item.id)).toEqual([odt]);
  }, 90_000);

  it('leaves a file it cannot read without text, its job done at the first attempt', async () => {
    const corruptPdf = await uploaded('abîmé.pdf', Buffer.from('%PDF-1.7\nréseaux de chaleur\n%%EOF\n'));
    const docx = documentsWithText.docx(['Le réseau de chaleur', 'x'.repeat(2000)]);
    const truncatedDocx = await uploaded('coupé.docx', docx.subarray(0, docx.length - 1500));
    for (const fileId of [corruptPdf, truncatedDocx]) {
      await expect.poll(() => jobsOf(fileId)).toEqual([{ state: 'completed', retry_count: 0 }]);
      expect(await textOf(fileId)).toBe('');
    }
  });

  it('queues nothing for an image', async () => {
    const image = await uploaded('photo.png', await samples.png(32, 32));
    expect(await jobsOf(image)).toEqual([]);
  });
});

describe('the job itself', () => {
  /** The job's dependencies as the routes build them, with an extractor of the test's choosing. */
  const depsWith = (extractor: TextExtractor, maxBytes = 20 * 1024 * 1024) => {
    const warn = vi.fn();
    return {
      warn,
      deps: { db: db(), storage: diskStorage(join(dataDir.path, 'files')), extractor, maxBytes, log: { warn } },
    };
  };
  const returning = (text: string, before?: () => Promise<unknown>): TextExtractor => ({
    extract: async () => {
      await before?.();
      return { ok: true, text };
    },
    close: () => undefined,
  });
  /** A PDF whose own job found nothing to read, so that only the test's run writes its text. */
  const unreadablePdf = async () => {
    const fileId = await uploaded('vide.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    await expect.poll(() => jobsOf(fileId)).toEqual([{ state: 'completed', retry_count: 0 }]);
    return fileId;
  };

  it('never brings back a file deleted while its text was read', async () => {
    const kept = await unreadablePdf();
    const deleted = await unreadablePdf();
    await extractFileText(depsWith(returning('Un plan de sobriété foncière')).deps, kept);
    const deleteIt = () => request(ctx, animateur, 'DELETE', `/api/files/${deleted}`);
    await extractFileText(depsWith(returning('Un plan de sobriété foncière', deleteIt)).deps, deleted);

    expect(await textOf(kept)).toBe('Un plan de sobriété foncière');
    expect(await textOf(deleted)).toBe('');
    expect((await searchFiles('sobriete+fonciere')).map((item) => item.id)).toEqual([kept]);
  });

  it('gives up on a file larger than the upload limit without reading it', async () => {
    const fileId = await unreadablePdf();
    const extract = vi.fn();
    const { deps, warn } = depsWith({ extract, close: () => undefined }, 8);
    await extractFileText(deps, fileId);
    expect(extract).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ fileId, reason: 'larger than the upload limit' }),
      expect.any(String),
    );
    expect(await textOf(fileId)).toBe('');
  });

  it('shortens a text of too many distinct words for the search index, keeping its start', async () => {
    const fileId = await unreadablePdf();
    // About 1.2 MB of distinct words: the tsvector PostgreSQL would build exceeds its 1 MB limit.
    const words = Array.from({ length: 100_000 }, (_, index) => `code${index.toString(36)}x`);
    const { deps, warn } = depsWith(returning(`Inventaire ${words.join(' ')}`));
    await extractFileText(deps, fileId);
    const text = await textOf(fileId);
    expect(text.length).toBeGreaterThan(100_000);
    expect(text.length).toBeLessThan(words.join(' ').length);
    expect(text.startsWith('Inventaire code0x code1x')).toBe(true);
    expect(warn).toHaveBeenCalledOnce();
    expect((await searchFiles('inventaire')).map((item) => item.id)).toEqual([fileId]);
  });
});

describe('files whose text was never read', () => {
  /** As if uploaded an hour before search existed: no text, never read. */
  const fromBefore = (fileIds: string[]) =>
    db()
      .updateTable('files')
      .set({ text_content: '', text_read_at: null, created_at: sql`now() - interval '1 hour'` })
      .where('id', 'in', fileIds)
      .execute();
  /** Files of more than five minutes ago never read (the ones just uploaded are their own job's). */
  const unread = async () =>
    (
      await db()
        .selectFrom('files')
        .select('id')
        .where('text_read_at', 'is', null)
        .where('deleted_at', 'is', null)
        .where('created_at', '<', sql<Date>`now() - interval '5 minutes'`)
        .execute()
    ).map((row) => row.id);
  const readAt = async (fileId: string) =>
    (await db().selectFrom('files').select('text_read_at').where('id', '=', fileId).executeTakeFirstOrThrow())
      .text_read_at;

  it('has them read by the sweep, found by their words after, images marked as having none', async () => {
    const pdf = await uploaded('ancien.pdf', await documentsWithText.pdf(['Le plan de mobilité du bassin de vie']));
    const image = await uploaded('ancienne-photo.png', await samples.png(16, 16));
    await expect.poll(() => textOf(pdf), { timeout: 60_000 }).not.toBe('');
    await fromBefore([pdf, image]);
    expect(await searchFiles('mobilite+bassin')).toEqual([]);

    await ctx.app.jobs.enqueue(db(), 'resources.readUnreadTexts', { after: null });
    await expect.poll(() => textOf(pdf), { timeout: 60_000 }).toBe('Le plan de mobilité du bassin de vie');
    await expect.poll(unread).toEqual([]);
    expect((await searchFiles('mobilite+bassin')).map((item) => item.id)).toEqual([pdf]);
  }, 90_000);

  it('goes through them a batch after the other, leaving the ones just uploaded to their own job', async () => {
    const image = await uploaded('photo-du-jour.png', await samples.png(16, 16));
    await sql`insert into files (space_id, uploaded_by, name, mime_type, size_bytes, storage_key, sha256, created_at)
      select space_id, uploaded_by, name || n, mime_type, size_bytes, storage_key || n, sha256,
        now() - interval '1 hour' - n * interval '1 second'
      from files, generate_series(1, 250) as n where id = ${image}`.execute(db());
    const enqueue = vi.fn();
    const deps = { db: db(), jobs: { ...ctx.app.jobs, enqueue } };

    const next = await queueUnreadTexts(deps, { now: new Date(), after: null });
    expect(next).not.toBeNull();
    expect(await unread()).toHaveLength(50);
    expect(await queueUnreadTexts(deps, { now: new Date(), after: next })).toBeNull();
    // Images have no text to read: nothing queued; the one just uploaded is left alone.
    expect(enqueue).not.toHaveBeenCalled();
    expect(await unread()).toEqual([]);
    expect(await readAt(image)).toBeNull();
  });
});
