import cookie from '@fastify/cookie';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { requestForLog } from './core/log-redaction';
import type { Database } from './db/database';
import { accountsRoutes } from './features/accounts/accounts.routes';
import { avatarsRoutes } from './features/accounts/avatars.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { digestsRoutes } from './features/digests/digests.routes';
import { directoryRoutes } from './features/directory/directory.routes';
import { discussionsRoutes } from './features/discussions/discussions.routes';
import { documentsRoutes } from './features/documents/documents.routes';
import { eventsRoutes } from './features/events/events.routes';
import { questionsRoutes } from './features/events/questions/questions.routes';
import { healthRoutes } from './features/health/health.routes';
import { homeRoutes } from './features/home/home.routes';
import { mailSettingsRoutes } from './features/mail-settings/mail-settings.routes';
import { mailboxRoutes } from './features/mailbox/mailbox.routes';
import { messagesRoutes } from './features/messages/messages.routes';
import { moderationRoutes } from './features/moderation/moderation.routes';
import { newslettersRoutes } from './features/newsletters/newsletters.routes';
import { oidcRoutes } from './features/oidc/oidc.routes';
import { organisationLogosRoutes } from './features/organisations/organisation-logos.routes';
import { organisationsRoutes } from './features/organisations/organisations.routes';
import { privacyRoutes } from './features/privacy/privacy.routes';
import { publicationsRoutes } from './features/publications/publications.routes';
import { pushRoutes } from './features/push/push.routes';
import { replyByMailRoutes } from './features/reply-by-mail/reply-by-mail.routes';
import { resourcesRoutes } from './features/resources/resources.routes';
import { searchRoutes } from './features/search/search.routes';
import { spacesRoutes } from './features/spaces/spaces.routes';
import { territoriesRoutes } from './features/territories/territories.routes';
import { tokensRoutes } from './features/tokens/tokens.routes';
import { webhooksRoutes } from './features/webhooks/webhooks.routes';
import { accessPlugin } from './plugins/access';
import { authPlugin } from './plugins/auth';
import { clientPlugin } from './plugins/client';
import { collabPlugin } from './plugins/collab';
import { dbPlugin } from './plugins/db';
import { docsPlugin } from './plugins/docs';
import { errorsPlugin, frameworkErrors } from './plugins/errors';
import { type JobsOptions, jobsPlugin } from './plugins/jobs';
import { mailPlugin } from './plugins/mail';
import { metricsPlugin } from './plugins/metrics';
import { rateLimitPlugin } from './plugins/rate-limit';
import { realtimePlugin } from './plugins/realtime';
import { realtimeRoutes } from './plugins/realtime/replay.routes';
import { retentionPlugin } from './plugins/retention';
import { securityPlugin } from './plugins/security';

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Job runner knobs: tests shorten delays, a process may enqueue without running jobs. */
  jobs?: JobsOptions;
  /** Where the built client is; tests point it at a fixture. */
  clientRoot?: string;
}

/** Registers infrastructure, then features under `/api`. Never listens: main.ts and tests do. */
export async function buildApp({ config, database, logger, clientRoot, jobs }: AppDeps) {
  const app = Fastify({
    // Mailed links carry their secret in the URL: the request log keeps it redacted.
    logger: logger ?? { level: config.logLevel, serializers: { req: requestForLog } },
    bodyLimit: 1024 * 1024,
    // Only the proxies named by TRUST_PROXY are believed about the client's address and scheme.
    trustProxy: config.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    // Start-up work (the job queue's schema and queues, on a database still warming up) can
    // outlast Fastify's 10 s on a busy machine; a slow start beats a server that exits.
    pluginTimeout: 60_000,
  }).withTypeProvider<ZodTypeProvider>();
  // The API takes JSON (and multipart where it says so): a text body is a 415, not a
  // string that fails validation as a 400.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  // Before anything that adds routes: it sees every route and attaches the quota each declares.
  await app.register(rateLimitPlugin, { config });
  await app.register(dbPlugin, { database });
  await app.register(cookie);
  await app.register(securityPlugin, { config });
  await app.register(accessPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(jobsPlugin, jobs ?? {});
  await app.register(mailPlugin, { config });
  await app.register(realtimePlugin, { config });
  await app.register(retentionPlugin, { sessionIdleMs: config.session.idleMs });
  await app.register(collabPlugin, { config });
  await app.register(metricsPlugin, { config });
  await app.register(docsPlugin);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(realtimeRoutes);
      if (!config.production) await api.register(mailboxRoutes);
      await api.register(accountsRoutes, {
        publicUrl: config.publicUrl,
        oidc: config.oidc ? { name: config.oidc.name } : null,
      });
      await api.register(oidcRoutes, { config });
      await api.register(avatarsRoutes, { config });
      await api.register(spacesRoutes, { publicUrl: config.publicUrl });
      await api.register(eventsRoutes, { publicUrl: config.publicUrl });
      await api.register(questionsRoutes, { publicUrl: config.publicUrl, groupSeconds: config.mailGroupSeconds });
      await api.register(directoryRoutes);
      await api.register(organisationsRoutes, { publicUrl: config.publicUrl });
      await api.register(organisationLogosRoutes, { config });
      await api.register(territoriesRoutes);
      await api.register(publicationsRoutes);
      await api.register(searchRoutes);
      await api.register(homeRoutes, { publicUrl: config.publicUrl });
      await api.register(mailSettingsRoutes);
      await api.register(digestsRoutes, { publicUrl: config.publicUrl });
      await api.register(discussionsRoutes, {
        publicUrl: config.publicUrl,
        groupSeconds: config.mailGroupSeconds,
        replyDomain: config.replyByMail?.domain,
      });
      await api.register(replyByMailRoutes, { config });
      await api.register(documentsRoutes);
      await api.register(resourcesRoutes, { config });
      await api.register(pushRoutes, { config });
      await api.register(newslettersRoutes, { publicUrl: config.publicUrl });
      await api.register(messagesRoutes, { publicUrl: config.publicUrl, groupSeconds: config.mailGroupSeconds });
      await api.register(moderationRoutes, {
        publicUrl: config.publicUrl,
        flagHideThreshold: config.flagHideThreshold,
      });
      await api.register(auditRoutes);
      await api.register(privacyRoutes, { config });
      await api.register(tokensRoutes);
      await api.register(webhooksRoutes, { config });
    },
    { prefix: '/api' },
  );
  await app.register(clientPlugin, { root: clientRoot });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
