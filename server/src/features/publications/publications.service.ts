import {
  type Licence,
  LicenceSchema,
  PUBLICATIONS_PAGE_SIZE,
  type Publication,
  type PublicationCreateBody,
  type PublicationList,
  type PublicationSummary,
  type PublicationsQuery,
} from '@atelier/contract';
import { z } from 'zod';
import { type Authorizable, actorOnly, authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { type Actor, canListSpace } from '../../policy/policy';
import { canPublish, canReadPublications } from '../../policy/publications.policy';
import { docFromState, htmlOf } from '../documents/documents.content';
import { findSpaceOrAllianceFacts } from '../spaces/spaces.access';
import {
  countPublications,
  deletePublication,
  findFileSource,
  findLinkSource,
  findPublication,
  findVersionSource,
  insertPublication,
  listPublicationRows,
  type PublicationRow,
  type PublicationValues,
} from './publications.queries';

export interface PublicationsDeps {
  db: Db;
}

/** The last row's instant, as PostgreSQL writes it (microseconds and offset), and its id. */
const CursorSchema = z.tuple([
  z
    .string()
    .max(40)
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/),
  z.uuid(),
]);

const licenceOf = (value: string): Licence => LicenceSchema.catch('CC-BY-SA-4.0').parse(value);

/** The space it came from, named only when that space is not private. */
const spaceOf = (row: PublicationRow) =>
  row.space_slug && row.space_title && row.space_visibility !== 'private'
    ? { slug: row.space_slug, title: row.space_title }
    : null;

const summaryOf = (row: PublicationRow): PublicationSummary => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  kind: row.kind,
  themes: row.themes,
  territories: row.territories,
  licence: licenceOf(row.licence),
  sourceType: row.source_type,
  space: spaceOf(row),
  publishedAt: row.published_at.toISOString(),
});

/** `GET /publications`: the catalogue, newest first, page by page, with how many match. */
export async function listPublications(
  { db }: PublicationsDeps,
  { actor, query }: { actor: Actor; query: PublicationsQuery },
): Promise<PublicationList> {
  authorize(actorOnly(actor, 'publications'), canReadPublications(actor));
  const position = decodeCursor(query.cursor, CursorSchema);
  const filters = { q: query.q, kind: query.kind, theme: query.theme };
  const [rows, total] = await Promise.all([
    listPublicationRows(db, filters, {
      after: position ? { publishedKey: position[0], id: position[1] } : null,
      limit: PUBLICATIONS_PAGE_SIZE,
    }),
    countPublications(db, filters),
  ]);
  const page = pageOf(rows, PUBLICATIONS_PAGE_SIZE, (last) => [last.published_key, last.id]);
  return { items: page.rows.map(summaryOf), nextCursor: page.nextCursor, total };
}

interface PublicationContext extends Authorizable {
  publication: PublicationRow;
  mayPublish: boolean;
}

/** The publication, and whether the actor may withdraw it (as they could publish from its space). */
async function loadPublicationContext(db: Db, id: string, actor: Actor): Promise<PublicationContext> {
  const publication = isUuid(id) ? await findPublication(db, id) : undefined;
  if (!publication) throw notFound('publication');
  const facts = await findSpaceOrAllianceFacts(db, publication.space_id, actor);
  const mayPublish = facts !== null && canPublish(actor, facts.space, facts.membership);
  return { actor, known: true, subject: 'publication', publication, mayPublish };
}

async function detailOf(db: Db, context: PublicationContext): Promise<{ publication: Publication }> {
  const { publication: row } = context;
  const file = row.source_type === 'file' ? await findFileSource(db, row.source_id) : undefined;
  return {
    publication: {
      ...summaryOf(row),
      html: row.html,
      file: file ? { name: file.name, mimeType: file.mime_type, sizeBytes: Number(file.size_bytes) } : null,
      url: row.url,
      canWithdraw: context.mayPublish,
    },
  };
}

/** `GET /publications/:id`: the publication as it was published (public). */
export async function getPublication({ db }: PublicationsDeps, { actor, id }: { actor: Actor; id: string }) {
  const context = await loadPublicationContext(db, id, actor);
  authorize(context, canReadPublications(actor));
  return detailOf(db, context);
}

/**
 * What is published, read from its source, and the space it belongs to. A document version is
 * copied as it is now (its HTML and text): the publication never follows the live draft.
 */
async function sourceOf(db: Db, source: PublicationCreateBody['source']) {
  const missing = () => new AppError('not_found', `no such ${source.type.replace('_', ' ')}`);
  if (source.type === 'document_version') {
    const version = await findVersionSource(db, source.id);
    if (!version) throw missing();
    if (version.kind !== 'named') {
      throw new AppError('invalid_input', 'only a named version is published', {
        'body.source.id': ['save the version under a name first'],
      });
    }
    const html = htmlOf(docFromState(version.state));
    return { spaceId: version.space_id, html, plainText: version.plain_text, url: null };
  }
  if (source.type === 'link') {
    const link = await findLinkSource(db, source.id);
    if (!link) throw missing();
    return { spaceId: link.space_id, html: null, plainText: '', url: link.url };
  }
  const file = await findFileSource(db, source.id);
  if (!file) throw missing();
  return { spaceId: file.space_id, html: null, plainText: '', url: null };
}

/** `POST /publications` (the space's animateur·ices, admins): once per source (409 again). */
export async function publish(
  { db }: PublicationsDeps,
  { actor, body }: { actor: Actor; body: PublicationCreateBody },
): Promise<{ publication: Publication }> {
  authorize(actorOnly(actor, 'publications'), actor !== null);
  const source = await sourceOf(db, body.source);
  const facts = await findSpaceOrAllianceFacts(db, source.spaceId, actor);
  // A source in a space the actor may not know of is as unknown as one that does not exist.
  if (!facts || (facts.space && !canListSpace(actor, facts.space, facts.membership))) throw notFound(body.source.type);
  authorize(actorOnly(actor, 'publications'), canPublish(actor, facts.space, facts.membership));
  const values: PublicationValues = {
    space_id: source.spaceId,
    source_type: body.source.type,
    source_id: body.source.id,
    title: body.title,
    summary: body.summary ?? '',
    kind: body.kind,
    themes: [...new Set(body.themes)],
    territories: [...new Set(body.territories ?? [])],
    licence: body.licence,
    html: source.html,
    plain_text: source.plainText,
    url: source.url,
    published_by: actor?.id ?? null,
  };
  const id = await insertPublication(db, values);
  if (!id) throw new AppError('conflict', 'this is published already', { 'body.source': ['published already'] });
  return getPublication({ db }, { actor, id });
}

/** `DELETE /publications/:id`: withdrawn from the commons (its source stays in its space). */
export async function withdraw({ db }: PublicationsDeps, { actor, id }: { actor: Actor; id: string }): Promise<void> {
  const context = await loadPublicationContext(db, id, actor);
  authorize(context, context.mayPublish);
  await deletePublication(db, id);
}

/** The published file's id, for its public download; 404 when the publication is not a file's. */
export async function publishedFileId(db: Db, id: string): Promise<string> {
  const publication = isUuid(id) ? await findPublication(db, id) : undefined;
  if (publication?.source_type !== 'file') throw notFound('publication');
  return publication.source_id;
}
