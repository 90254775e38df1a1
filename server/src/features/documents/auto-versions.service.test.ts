import { COLLAB_FIELD } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../config';
import type { Database } from '../../db/database';
import { appendParagraph } from '../../test/collab';
import { createTestDatabase } from '../../test/database';
import { createPerson } from '../../test/factories/people';
import { createSpace } from '../../test/factories/spaces';
import { takeAutoVersion } from './auto-versions.service';
import { createDocument } from './documents.service';
import { insertVersion, listVersions } from './versions.queries';

const MINUTE = 60_000;

describe('takeAutoVersion', () => {
  let database: Database;
  let newDocument: () => Promise<string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMITS: 'off', SEED: 'off', LOG_LEVEL: 'silent' });
    const author = await createPerson({ database, config, app: undefined as never, close: async () => undefined });
    const space = await createSpace(database.db, { visibility: 'members', joinPolicy: 'request' });
    newDocument = async () =>
      (await createDocument({ db: database.db }, { spaceId: space.id, title: 'Journal', authorId: author.id })).id;
  });
  afterAll(async () => database?.close());

  const kinds = async (documentId: string) =>
    (await listVersions(database.db, documentId)).map((version) => version.kind);

  it('takes a version of new content, and none while the latest version holds the same', async () => {
    const documentId = await newDocument();
    const doc = new Y.Doc();
    // Nothing written yet: nothing worth keeping.
    expect(await takeAutoVersion(database.db, { documentId, doc, minGapMs: 0 })).toEqual({ status: 'unchanged' });
    appendParagraph(doc, 'Ordre du jour');
    expect((await takeAutoVersion(database.db, { documentId, doc, minGapMs: 0 })).status).toBe('taken');
    expect(await takeAutoVersion(database.db, { documentId, doc, minGapMs: 0 })).toEqual({ status: 'unchanged' });
    // Formatting alone is a change worth a version, though the text is the same.
    const text = (doc.getXmlFragment(COLLAB_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 5, { bold: {} });
    expect((await takeAutoVersion(database.db, { documentId, doc, minGapMs: 0 })).status).toBe('taken');
    expect(await kinds(documentId)).toEqual(['auto', 'auto']);
  });

  it('compares with the latest version of any kind (a named one just saved)', async () => {
    const documentId = await newDocument();
    const doc = new Y.Doc();
    appendParagraph(doc, 'Compte rendu validé');
    await insertVersion(database.db, {
      documentId,
      kind: 'named',
      name: 'Validé',
      state: Y.encodeStateAsUpdate(doc),
      plainText: 'Compte rendu validé',
      createdBy: null,
    });
    expect(await takeAutoVersion(database.db, { documentId, doc, minGapMs: 0 })).toEqual({ status: 'unchanged' });
  });

  it('refuses a version too close to the previous automatic one, saying when that one was taken', async () => {
    const documentId = await newDocument();
    const doc = new Y.Doc();
    appendParagraph(doc, 'Premier jet');
    const first = new Date('2026-03-03T10:00:00.000Z');
    expect(await takeAutoVersion(database.db, { documentId, doc, minGapMs: 2 * MINUTE, now: first })).toEqual({
      status: 'taken',
      at: first,
    });
    appendParagraph(doc, 'Suite');
    const soon = new Date(first.getTime() + MINUTE);
    expect(await takeAutoVersion(database.db, { documentId, doc, minGapMs: 2 * MINUTE, now: soon })).toEqual({
      status: 'too_soon',
      lastAt: first,
    });
    const later = new Date(first.getTime() + 2 * MINUTE);
    expect((await takeAutoVersion(database.db, { documentId, doc, minGapMs: 2 * MINUTE, now: later })).status).toBe(
      'taken',
    );
  });

  it('takes one version when two processes ask at the same moment', async () => {
    const documentId = await newDocument();
    // Two replicas of the same content, as two processes hold it.
    const a = new Y.Doc();
    appendParagraph(a, 'Écrit à deux');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const outcomes = await Promise.all([
      takeAutoVersion(database.db, { documentId, doc: a, minGapMs: 0 }),
      takeAutoVersion(database.db, { documentId, doc: b, minGapMs: 0 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['taken', 'unchanged']);
    expect(await kinds(documentId)).toEqual(['auto']);
  });

  it('takes one version when two processes with slightly different content ask at the same moment', async () => {
    const documentId = await newDocument();
    // One has a change the other has not received yet.
    const a = new Y.Doc();
    appendParagraph(a, 'Écrit à deux');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    appendParagraph(a, 'Ajout sur A');
    const outcomes = await Promise.all([
      takeAutoVersion(database.db, { documentId, doc: a, minGapMs: MINUTE }),
      takeAutoVersion(database.db, { documentId, doc: b, minGapMs: MINUTE }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['taken', 'too_soon']);
    expect(await kinds(documentId)).toEqual(['auto']);
  });
});
