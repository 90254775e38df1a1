import {
  IdParamsSchema,
  QuestionCreateBodySchema,
  QuestionEnvelopeSchema,
  QuestionListSchema,
  QuestionUpdateBodySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponsesWith, signedIn } from '../../../core/http';
import { actorFrom } from '../../../policy/policy';
import { sessionAvatarUrl } from '../../accounts/avatars.content';
import type { DiscussionsDeps } from '../../discussions/discussions.deps';
import { createDiscussionsMailer, type DiscussionsMailOptions } from '../../discussions/discussions.mail';
import { attendanceRoutes } from './attendance.routes';
import type { QuestionsDeps } from './questions.deps';
import { askQuestion, listQuestions, setVote, updateQuestion } from './questions.service';
import { reportRoutes } from './report.routes';

export interface QuestionsRoutesOptions extends DiscussionsMailOptions {
  /** The clock that closes questions when an event ends; tests pass a fixed one. */
  now?: () => Date;
}

const tags = ['events'];

/**
 * The live side of an event — questions and votes, the animateur·ices' queue — and what
 * follows it: attendance, the compte rendu, the follow-up thread. Every change to a question
 * is announced in room `event:<id>` in the transaction that makes it.
 */
export const questionsRoutes: FastifyPluginAsyncZod<QuestionsRoutesOptions> = async (app, options) => {
  const discussions: DiscussionsDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    mailer: createDiscussionsMailer(app.mail, options),
    jobs: app.jobs,
  };
  const deps: QuestionsDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    now: options.now ?? (() => new Date()),
    discussions,
  };

  app.get(
    '/events/:id/questions',
    {
      schema: {
        tags,
        summary: "An event's questions: the current one first, then by votes, then the oldest",
        params: IdParamsSchema,
        response: { 200: QuestionListSchema, ...errorResponsesWith(413) },
      },
    },
    async (request) => listQuestions(deps, { actor: actorFrom(request.auth), eventId: request.params.id }),
  );

  app.post(
    '/events/:id/questions',
    {
      config: { quota: 'question' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Ask a question or make a proposal (people registered, seat or waitlist), until the event ends',
        params: IdParamsSchema,
        body: QuestionCreateBodySchema,
        response: { 201: QuestionEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request, reply) => {
      const created = await askQuestion(deps, {
        actor: actorFrom(request.auth),
        eventId: request.params.id,
        body: request.body.body,
      });
      reply.status(201);
      return created;
    },
  );

  app.post(
    '/questions/:id/vote',
    {
      config: { quota: 'vote' },
      ...signedIn,
      schema: {
        tags,
        summary: "Vote for someone else's question (once per person: voting again keeps the vote)",
        params: IdParamsSchema,
        response: { 200: QuestionEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request) => setVote(deps, { actor: actorFrom(request.auth), questionId: request.params.id, vote: true }),
  );

  app.delete(
    '/questions/:id/vote',
    {
      config: { quota: 'vote' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Take back one’s vote for a question (without one, the question is returned unchanged)',
        params: IdParamsSchema,
        response: { 200: QuestionEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request) => setVote(deps, { actor: actorFrom(request.auth), questionId: request.params.id, vote: false }),
  );

  app.patch(
    '/questions/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary:
          "Make a question current, answered, open again, or transmitted to a space (posted in the space's thread for the event; who runs the event)",
        params: IdParamsSchema,
        body: QuestionUpdateBodySchema,
        response: { 200: QuestionEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request) =>
      updateQuestion(deps, {
        actor: actorFrom(request.auth),
        displayName: request.auth?.user.display_name ?? '',
        avatarUrl: sessionAvatarUrl(request.auth),
        questionId: request.params.id,
        status: request.body.status,
        transmittedToSpaceId: request.body.transmittedToSpaceId,
      }),
  );

  await app.register(attendanceRoutes, { db: app.db });
  await app.register(reportRoutes, { db: app.db, discussions });
};
