import {
  AffiliationParamsSchema,
  AffiliationResponseSchema,
  OrganisationCreateBodySchema,
  OrganisationDetailSchema,
  OrganisationListSchema,
  OrganisationSlugParamsSchema,
  OrganisationsQuerySchema,
  OrganisationUpdateBodySchema,
  ReferentParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { createOrganisationsMailer } from './organisations.mail';
import {
  askAffiliation,
  createOrganisation,
  decideAffiliation,
  editOrganisation,
  getOrganisation,
  listOrganisations,
  setReferentRole,
  withdrawAffiliation,
} from './organisations.service';

const tags = ['organisations'];

export const organisationsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, options) => {
  const deps = { db: app.db, mailer: createOrganisationsMailer(app.mail, options.publicUrl) };

  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'The allies: organisations matching the filters, by name, page by page, with counts (public)',
        querystring: OrganisationsQuerySchema,
        response: { 200: OrganisationListSchema, ...errorResponses },
      },
    },
    async (request) => listOrganisations(deps, { actor: actorFrom(request.auth), query: request.query }),
  );

  app.get(
    '/organisations/:slug',
    {
      schema: {
        tags,
        summary: "An organisation's page: presentation, listed people, the spaces where they are active (public)",
        params: OrganisationSlugParamsSchema,
        response: { 200: OrganisationDetailSchema, ...errorResponses },
      },
    },
    async (request) => getOrganisation(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.post(
    '/organisations',
    {
      config: { quota: 'organisation' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Create an organisation (admins)',
        body: OrganisationCreateBodySchema,
        response: { 201: OrganisationDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createOrganisation(deps, { actor: actorFrom(request.auth), body: request.body });
      reply.status(201);
      return created;
    },
  );

  app.patch(
    '/organisations/:slug',
    {
      config: { quota: 'organisation' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Edit an organisation (admins and its referents)',
        params: OrganisationSlugParamsSchema,
        body: OrganisationUpdateBodySchema,
        response: { 200: OrganisationDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      editOrganisation(deps, { actor: actorFrom(request.auth), slug: request.params.slug, body: request.body }),
  );

  app.post(
    '/organisations/:slug/affiliation',
    {
      config: { quota: 'affiliation' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Ask to be linked to the organisation (a referent or an admin confirms)',
        params: OrganisationSlugParamsSchema,
        response: { 200: AffiliationResponseSchema, ...errorResponses },
      },
    },
    async (request) => askAffiliation(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.delete(
    '/organisations/:slug/affiliation',
    {
      config: { quota: 'affiliation' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Withdraw one’s link to the organisation, asked or confirmed',
        params: OrganisationSlugParamsSchema,
        response: { 204: z.null().describe('done'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await withdrawAffiliation(deps, { actor: actorFrom(request.auth), slug: request.params.slug });
      reply.status(204);
      return null;
    },
  );

  for (const decision of ['confirm', 'decline'] as const) {
    app.post(
      `/organisations/:slug/affiliations/:userId/${decision}`,
      {
        config: { quota: 'members' },
        ...signedIn,
        schema: {
          tags,
          summary:
            decision === 'confirm'
              ? 'Confirm a person’s link to the organisation (admins and referents)'
              : 'Decline a person’s link, or remove a confirmed one (admins and referents)',
          params: AffiliationParamsSchema,
          response: { 200: OrganisationDetailSchema, ...errorResponses },
        },
      },
      async (request) => decideAffiliation(deps, { actor: actorFrom(request.auth), ...request.params, decision }),
    );
  }

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/organisations/:slug/referents/:userId',
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags,
        summary:
          method === 'PUT'
            ? 'Make a person whose link is confirmed a referent (admins and referents)'
            : 'Make a referent an ordinary member again, oneself included (admins and referents)',
        params: ReferentParamsSchema,
        response: { 200: OrganisationDetailSchema, ...errorResponses },
      },
      handler: async (request) =>
        setReferentRole(deps, { actor: actorFrom(request.auth), ...request.params, referent: method === 'PUT' }),
    });
  }
};
