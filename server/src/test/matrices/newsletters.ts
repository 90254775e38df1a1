import { expect } from 'vitest';
import { createNewsletter } from '../factories/newsletters';
import { byAnimateurs, byReaders, defineMatrix, everyone, type MatrixRoute, spaceSlug } from '../matrix';

/**
 * The infolettres' routes. Each case's space holds a draft and an issue already sent, both by
 * its animateur·ice. Drafts are unknown (404) to all but those who manage the space's
 * infolettres; a sent issue is read as the space is; changing or sending it again is a 409.
 */

interface Fixture {
  draftId: string;
  sentId: string;
}

const draft = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.draftId });
const sent = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.sentId });

/** On a draft: signed-in first (401), then unknown to anyone who does not manage it (404). */
const onDraft = (ok: number) => everyone([401, 404, 404, ok, ok]);
/** Changing a sent issue: refused as managing is, then 409 for those who manage it. */
const onSent = {
  public: [401, 403, 403, 409, 409],
  members: [401, 403, 403, 409, 409],
  private: [401, 404, 403, 409, 409],
};

const routes: MatrixRoute<Fixture>[] = [
  {
    method: 'GET',
    path: '/api/spaces/:slug/newsletters',
    params: spaceSlug,
    expect: byReaders(200),
    check: (response, c) => {
      const body = response.json();
      const ids = (body.items as { id: string }[]).map((item) => item.id);
      const manages = ['animateur', 'admin'].includes(c.actor);
      expect(ids).toContain(c.fixture.sentId);
      expect(ids.includes(c.fixture.draftId), 'drafts listed').toBe(manages);
      expect(body.canManage).toBe(manages);
      // The member and the animateur·ice: who an issue sent now would reach.
      expect(body.recipientCount).toBe(manages ? 2 : null);
      expect(body.subscribed).toBe(['member', 'animateur'].includes(c.actor) ? true : null);
    },
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/newsletters',
    params: spaceSlug,
    body: (c) => ({ subject: `Infolettre de ${c.actor}`, body: '<p>Des nouvelles.</p>' }),
    expect: byAnimateurs(201),
    check: (response) => {
      expect(response.json().newsletter).toMatchObject({ status: 'draft', recipientCount: 2, canManage: true });
    },
  },
  {
    method: 'PUT',
    path: '/api/spaces/:slug/newsletters/subscription',
    params: spaceSlug,
    body: () => ({ subscribed: false }),
    // Only those the mails go to choose: active members (an admin outside the space gets none).
    expect: {
      public: [401, 403, 200, 200, 403],
      members: [401, 403, 200, 200, 403],
      private: [401, 404, 200, 200, 403],
    },
  },
  {
    method: 'GET',
    path: '/api/newsletters/:id',
    note: 'a sent issue',
    params: sent,
    expect: byReaders(200),
    check: (response, c) => {
      const { newsletter } = response.json();
      const manages = ['animateur', 'admin'].includes(c.actor);
      expect(newsletter).toMatchObject({ status: 'sent', recipientCount: 2, canManage: manages });
      expect(newsletter.sentCount).toBe(manages ? 0 : null);
    },
  },
  {
    method: 'GET',
    path: '/api/newsletters/:id',
    note: 'a draft',
    params: draft,
    expect: everyone([404, 404, 404, 200, 200]),
  },
  {
    method: 'PATCH',
    path: '/api/newsletters/:id',
    note: 'a draft',
    params: draft,
    body: () => ({ subject: 'Nouvel objet' }),
    expect: onDraft(200),
  },
  {
    method: 'PATCH',
    path: '/api/newsletters/:id',
    note: 'a sent issue',
    params: sent,
    body: () => ({ subject: 'Trop tard' }),
    expect: onSent,
  },
  { method: 'DELETE', path: '/api/newsletters/:id', note: 'a draft', params: draft, expect: onDraft(204) },
  { method: 'DELETE', path: '/api/newsletters/:id', note: 'a sent issue', params: sent, expect: onSent },
  {
    method: 'POST',
    path: '/api/newsletters/:id/send',
    note: 'a draft',
    params: draft,
    expect: onDraft(202),
    check: (response) => {
      expect(response.json()).toMatchObject({ recipients: 2, newsletter: { status: 'sending' } });
    },
  },
  { method: 'POST', path: '/api/newsletters/:id/send', note: 'a sent issue', params: sent, expect: onSent },
];

export const newslettersMatrix = defineMatrix<Fixture>({
  name: 'newsletter routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ db, people, space }) => {
    const authorId = people.animateur.id;
    const { id: draftId } = await createNewsletter(db, { spaceId: space.id, authorId });
    const { id: sentId } = await createNewsletter(db, {
      spaceId: space.id,
      authorId,
      status: 'sent',
      recipientCount: 2,
    });
    return { draftId, sentId };
  },
  routes,
  tables: ['newsletters', 'newsletter_deliveries', 'newsletter_opt_outs', 'mail_outbox', 'idempotency_keys'],
  refusals: { 409: ['conflict'] },
});
