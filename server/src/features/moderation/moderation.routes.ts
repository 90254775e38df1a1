import {
  BlockListSchema,
  BlockStateSchema,
  FlagCreateBodySchema,
  FlagDecisionBodySchema,
  FlagDecisionResultSchema,
  FlagEnvelopeSchema,
  IdParamsSchema,
  ModerationQueueSchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { listBlocks, setBlock } from './blocks.service';
import { createFlag } from './flags.service';
import type { SpaceFlagTargetType } from './moderation.access';
import type { ModerationDeps } from './moderation.deps';
import { decideFlag, listAdminQueue, listSpaceQueue } from './moderation.service';

export interface ModerationRoutesOptions {
  publicUrl: string;
  flagHideThreshold: number;
}

const tags = ['moderation'];
const errors = errorResponsesWith(429);
/** Messages are flagged through their own feature (features/messages: `POST /messages/:id/flags`). */
const FLAG_PATHS: Record<SpaceFlagTargetType, string> = {
  post: '/posts/:id/flags',
  document: '/documents/:id/flags',
  file: '/files/:id/flags',
};

/** Flags, the moderation queues and their decisions, and blocking a person. */
export const moderationRoutes: FastifyPluginAsyncZod<ModerationRoutesOptions> = async (app, options) => {
  const deps: ModerationDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    mail: app.mail,
    publicUrl: options.publicUrl,
    flagHideThreshold: options.flagHideThreshold,
    disconnectDocument: (documentId) => app.collab?.disconnect(documentId),
  };

  for (const [targetType, url] of Object.entries(FLAG_PATHS) as [SpaceFlagTargetType, string][]) {
    app.post(
      url,
      {
        config: { quota: 'flag' },
        ...signedIn,
        schema: {
          tags,
          summary: `Flag a ${targetType} to the moderators (signed-in readers, not its author); again → 200, nothing doubled`,
          params: IdParamsSchema,
          body: FlagCreateBodySchema,
          response: { 200: FlagEnvelopeSchema, 201: FlagEnvelopeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { flag, created } = await createFlag(deps, {
          actor: actorFrom(request.auth),
          targetType,
          targetId: request.params.id,
          body: request.body,
        });
        reply.status(created ? 201 : 200);
        return { flag };
      },
    );
  }

  app.get(
    '/spaces/:slug/moderation',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The space’s open flags, grouped per flagged thing (animateur·ices, admins)',
        params: SpaceSlugParamsSchema,
        response: { 200: ModerationQueueSchema, ...errors },
      },
    },
    async (request) => listSpaceQueue(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.get(
    '/admin/moderation',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Every open flag, alliance documents included (admins)',
        response: { 200: ModerationQueueSchema, ...errors },
      },
    },
    async (request) => listAdminQueue(deps, { actor: actorFrom(request.auth) }),
  );

  app.post(
    '/flags/:id/decision',
    {
      config: { quota: 'moderation' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Keep, hide (posts) or delete what a flag is about; closes its open flags; decided already → 409',
        params: IdParamsSchema,
        body: FlagDecisionBodySchema,
        response: { 200: FlagDecisionResultSchema, ...errors },
      },
    },
    async (request) =>
      decideFlag(deps, { actor: actorFrom(request.auth), flagId: request.params.id, body: request.body }),
  );

  for (const [method, blocked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/users/:id/block',
      config: { quota: 'block' },
      ...signedIn,
      schema: {
        tags,
        summary: blocked
          ? 'Block a person: nothing from them reaches you, their posts come collapsed (idempotent)'
          : 'Unblock a person (idempotent)',
        params: IdParamsSchema,
        response: { 200: BlockStateSchema, ...errors },
      },
      handler: async (request) =>
        setBlock(deps, { actor: actorFrom(request.auth), userId: request.params.id, blocked }),
    });
  }

  app.get(
    '/me/blocks',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The people one blocked',
        response: { 200: BlockListSchema, ...errors },
      },
    },
    async (request) => listBlocks(deps, { actor: actorFrom(request.auth) }),
  );
};
