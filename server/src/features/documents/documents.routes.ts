import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Shared documents: metadata, text, exports and versions (the content syncs on `/collab`). */
export const documentsRoutes: FastifyPluginAsyncZod = async () => {};
