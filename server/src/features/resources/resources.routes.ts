import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';

export interface ResourcesRoutesOptions {
  config: Config;
}

/** A space's files and links, and its "Ressources" listing. */
export const resourcesRoutes: FastifyPluginAsyncZod<ResourcesRoutesOptions> = async () => {};
