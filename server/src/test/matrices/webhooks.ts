import { byAnimateurs, defineMatrix, type MatrixRoute, spaceSlug } from '../matrix';

/**
 * A space's webhooks: its animateur·ices and admins manage them; members are refused (403),
 * outsiders too (404 in a private space they may not know of), anonymous visitors 401. Each
 * case's space has one webhook the animateur·ice added.
 */

interface Fixture {
  webhookId: string;
}

const webhook = ({ space, fixture }: { space: { slug: string }; fixture: Fixture }) => ({
  slug: space.slug,
  id: fixture.webhookId,
});

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/spaces/:slug/webhooks', params: spaceSlug, expect: byAnimateurs(200) },
  {
    method: 'POST',
    path: '/api/spaces/:slug/webhooks',
    params: spaceSlug,
    body: () => ({ url: 'https://recepteur.example/atelier', events: ['post.created'] }),
    expect: byAnimateurs(201),
  },
  {
    method: 'PATCH',
    path: '/api/spaces/:slug/webhooks/:id',
    params: webhook,
    body: () => ({ enabled: false }),
    expect: byAnimateurs(200),
  },
  { method: 'DELETE', path: '/api/spaces/:slug/webhooks/:id', params: webhook, expect: byAnimateurs(204) },
  { method: 'GET', path: '/api/spaces/:slug/webhooks/:id/deliveries', params: webhook, expect: byAnimateurs(200) },
];

export const webhooksMatrix = defineMatrix<Fixture>({
  name: 'space webhook routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ db, space, people }) => {
    const row = await db
      .insertInto('webhooks')
      .values({
        space_id: space.id,
        created_by: people.animateur.id,
        url: 'https://recepteur.example/existant',
        events: ['thread.created'],
        secret: 'whsec_matrix',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { webhookId: row.id };
  },
  routes,
  tables: ['webhooks', 'webhook_deliveries'],
});
