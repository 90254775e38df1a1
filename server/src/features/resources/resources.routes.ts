import {
  ErrorBodySchema,
  FILE_MAX_BYTES,
  FileEnvelopeSchema,
  IdParamsSchema,
  LinkCreateBodySchema,
  LinkEnvelopeSchema,
  SpaceResourcesSchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { contentDisposition, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { listSpaceDocuments } from '../documents/documents.service';
import { createFileStorage } from './file-storage';
import { EXTRACT_TEXT_QUEUE, extractFileText, queueUnreadTexts } from './file-text.service';
import { deleteFile, openFile, openPublishedFile, uploadFile } from './files.service';
import { createLink, deleteLink } from './links.service';
import type { ResourcesDeps } from './resources.deps';
import { listResources } from './resources.service';
import { createTextExtractor } from './text-extraction';
import { PREVIEW_TYPE, receiveUpload, uploadLimits, uploadTmpDir } from './upload';

export interface ResourcesRoutesOptions {
  config: Config;
}

const tags = ['resources'];
const UNREAD_SWEEP_SECONDS = 3600;
const noContent = { 204: z.null().describe('done') };
/** Streams and buffers skip serialisation: the schema only documents the answer. */
const fileBytes = { 200: z.any().describe("the file's bytes") };
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
};

/**
 * Downloads are served with the sniffed type and never interpreted by the browser as anything
 * else: `nosniff`, and a sandboxing CSP in case a browser renders the body despite it all.
 */
function fileHeaders(reply: FastifyReply, values: { type: string; disposition: string; length?: number }) {
  reply
    .header('content-type', values.type)
    .header('content-disposition', values.disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache');
  if (values.length !== undefined) reply.header('content-length', values.length);
}

/** A space's files and links, and its "Ressources" listing. */
export const resourcesRoutes: FastifyPluginAsyncZod<ResourcesRoutesOptions> = async (app, { config }) => {
  const maxBytes = config.fileMaxBytes ?? FILE_MAX_BYTES;
  const tmpDir = uploadTmpDir(config.dataDir);
  const { storage, close } = createFileStorage(config);
  const extractor = createTextExtractor();
  app.addHook('onClose', async () => {
    close();
    extractor.close();
  });
  const deps: ResourcesDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    storage,
    jobs: app.jobs,
    extractor,
    maxBytes,
    listDocuments: (input) => listSpaceDocuments({ db: app.db }, input),
    log: app.log,
  };

  app.jobs.work('resources.extractText', (job) => extractFileText(deps, job.data.fileId), EXTRACT_TEXT_QUEUE);
  // At start, then every hour: the files whose text was never read, a batch after the other.
  const sweepLater = () =>
    app.jobs.enqueue(app.db, 'resources.readUnreadTexts', { after: null }, { oncePerSeconds: UNREAD_SWEEP_SECONDS });
  app.jobs.work('resources.readUnreadTexts', async (job) => {
    const next = await queueUnreadTexts(deps, { now: new Date(), after: job.data.after });
    await (next ? app.jobs.enqueue(app.db, 'resources.readUnreadTexts', { after: next }) : sweepLater());
  });
  app.addHook('onReady', async () => {
    await sweepLater();
  });

  // Registered here, not app-wide: only the upload route accepts multipart bodies.
  await app.register(multipart, { limits: uploadLimits(maxBytes), throwFileSizeLimit: true });

  app.post(
    '/spaces/:slug/files',
    {
      config: { quota: 'upload' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Upload a file to the space (members and admins); multipart/form-data, one part named "file"',
        params: SpaceSlugParamsSchema,
        response: { 201: FileEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await uploadFile(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        receive: () => receiveUpload(request, { tmpDir, maxBytes }),
      });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/files/:id/download',
    {
      schema: {
        tags,
        summary: 'Download a file (as an attachment, with its sniffed type)',
        params: IdParamsSchema,
        response: { ...fileBytes, ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await openFile(deps, {
        actor: actorFrom(request.auth),
        fileId: request.params.id,
        variant: 'original',
      });
      fileHeaders(reply, {
        type: file.mime_type,
        disposition: contentDisposition('attachment', file.name),
        length: Number(file.size_bytes),
      });
      return reply.send(stream);
    },
  );

  app.get(
    '/files/:id/preview',
    {
      schema: {
        tags,
        summary: "An image file's preview (WebP, at most 480 px wide), shown inline",
        params: IdParamsSchema,
        response: { ...fileBytes, ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await openFile(deps, {
        actor: actorFrom(request.auth),
        fileId: request.params.id,
        variant: 'preview',
      });
      const name = `${file.name.replace(/\.[^.]*$/, '')}.webp`;
      fileHeaders(reply, { type: PREVIEW_TYPE, disposition: contentDisposition('inline', name) });
      return reply.send(stream);
    },
  );

  app.delete(
    '/files/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a file (its uploader, the animateur·ices, admins)',
        params: IdParamsSchema,
        response: { ...noContent, ...errors },
      },
    },
    async (request, reply) => {
      await deleteFile(deps, { actor: actorFrom(request.auth), fileId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/publications/:id/file',
    {
      schema: {
        tags: ['publications'],
        summary: 'Download a file published to the commons (public)',
        params: IdParamsSchema,
        response: { ...fileBytes, ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await openPublishedFile(deps, request.params.id);
      fileHeaders(reply, {
        type: file.mime_type,
        disposition: contentDisposition('attachment', file.name),
        length: Number(file.size_bytes),
      });
      return reply.send(stream);
    },
  );

  app.post(
    '/spaces/:slug/links',
    {
      config: { quota: 'link' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Add a link to an outside resource (members and admins; http and https only)',
        params: SpaceSlugParamsSchema,
        body: LinkCreateBodySchema,
        response: { 201: LinkEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createLink(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        body: request.body,
      });
      reply.status(201);
      return created;
    },
  );

  app.delete(
    '/links/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a link (its author, the animateur·ices, admins)',
        params: IdParamsSchema,
        response: { ...noContent, ...errors },
      },
    },
    async (request, reply) => {
      await deleteLink(deps, { actor: actorFrom(request.auth), linkId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/spaces/:slug/resources',
    {
      schema: {
        tags,
        summary: "The space's resources: documents, files and links, each newest first",
        params: SpaceSlugParamsSchema,
        response: { 200: SpaceResourcesSchema, ...errors },
      },
    },
    async (request) => listResources(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );
};
