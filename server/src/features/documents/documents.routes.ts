import {
  DocumentCreateBodySchema,
  DocumentEnvelopeSchema,
  DocumentExportQuerySchema,
  DocumentListSchema,
  DocumentTextSchema,
  DocumentUpdateBodySchema,
  DocumentVersionCreateBodySchema,
  DocumentVersionDetailSchema,
  DocumentVersionEnvelopeSchema,
  DocumentVersionListSchema,
  DocumentVersionParamsSchema,
  ErrorBodySchema,
  IdParamsSchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { commentsRoutes } from './comments.routes';
import type { DocumentsDeps } from './documents.deps';
import {
  createSpaceDocument,
  deleteDocument,
  exportDocument,
  getDocument,
  getDocumentText,
  listDocumentsBySlug,
  renameDocument,
} from './documents.service';
import { getVersion, listDocumentVersions, restoreVersion, saveNamedVersion } from './versions.service';

const tags = ['documents'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

/** Shared documents: metadata, text, exports and versions (the content syncs on `/collab`). */
export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: DocumentsDeps = { db: app.db, live: app.collab };

  app.post(
    '/spaces/:slug/documents',
    {
      config: { quota: 'document' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Create a document in the space (members and admins)',
        params: SpaceSlugParamsSchema,
        body: DocumentCreateBodySchema,
        response: { 201: DocumentEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createSpaceDocument(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        title: request.body.title,
      });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/spaces/:slug/documents',
    {
      schema: {
        tags,
        summary: "The space's documents, most recently edited first",
        params: SpaceSlugParamsSchema,
        response: { 200: DocumentListSchema, ...errors },
      },
    },
    async (request) => listDocumentsBySlug(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'A document: title, author, last edit, and whether the caller may edit it',
        params: IdParamsSchema,
        response: { 200: DocumentEnvelopeSchema, ...errors },
      },
    },
    async (request) => getDocument(deps, { actor: actorFrom(request.auth), documentId: request.params.id }),
  );

  app.patch(
    '/documents/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Rename a document (editors)',
        params: IdParamsSchema,
        body: DocumentUpdateBodySchema,
        response: { 200: DocumentEnvelopeSchema, ...errors },
      },
    },
    async (request) =>
      renameDocument(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        title: request.body.title,
      }),
  );

  app.delete(
    '/documents/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a document (its author, animateur·ices, admins)',
        params: IdParamsSchema,
        response: { 204: z.null().describe('deleted'), ...errors },
      },
    },
    async (request, reply) => {
      await deleteDocument(deps, { actor: actorFrom(request.auth), documentId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/documents/:id/text',
    {
      schema: {
        tags,
        summary: 'The current plain text of a document',
        params: IdParamsSchema,
        response: { 200: DocumentTextSchema, ...errors },
      },
    },
    async (request) => getDocumentText(deps, { actor: actorFrom(request.auth), documentId: request.params.id }),
  );

  app.get(
    '/documents/:id/export',
    {
      schema: {
        tags,
        summary: 'The document as a Markdown or HTML file',
        params: IdParamsSchema,
        querystring: DocumentExportQuerySchema,
        response: { 200: z.string().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportDocument(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        format: request.query.format,
      });
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', contentDisposition('attachment', file.fileName));
      reply.header('x-content-type-options', 'nosniff');
      return file.body;
    },
  );

  app.get(
    '/documents/:id/versions',
    {
      schema: {
        tags,
        summary: "A document's versions, newest first",
        params: IdParamsSchema,
        response: { 200: DocumentVersionListSchema, ...errors },
      },
    },
    async (request) => listDocumentVersions(deps, { actor: actorFrom(request.auth), documentId: request.params.id }),
  );

  app.post(
    '/documents/:id/versions',
    {
      config: { quota: 'version' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Save the current content as a named version (editors)',
        params: IdParamsSchema,
        body: DocumentVersionCreateBodySchema,
        response: { 201: DocumentVersionEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const saved = await saveNamedVersion(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        name: request.body.name,
      });
      reply.status(201);
      return saved;
    },
  );

  app.get(
    '/documents/:id/versions/:versionId',
    {
      schema: {
        tags,
        summary: "A version's content as sanitized HTML and plain text",
        params: DocumentVersionParamsSchema,
        response: { 200: DocumentVersionDetailSchema, ...errors },
      },
    },
    async (request) =>
      getVersion(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        versionId: request.params.versionId,
      }),
  );

  app.post(
    '/documents/:id/versions/:versionId/restore',
    {
      config: { quota: 'version' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Bring an old version back as a new change (editors); returns the `restore` version',
        params: DocumentVersionParamsSchema,
        response: { 201: DocumentVersionEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const restored = await restoreVersion(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        versionId: request.params.versionId,
      });
      reply.status(201);
      return restored;
    },
  );

  await app.register(commentsRoutes);
};
