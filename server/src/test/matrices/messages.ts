import { request } from '../http';
import { defineMatrix, everyone, type MatrixRoute } from '../matrix';

/**
 * Direct messages. Each case holds a conversation between the member and the animateur·ice,
 * with a message of each. Conversations belong to no space, so every visibility answers the
 * same: participants only — the outsider and the admin (who is no participant) get 404, as
 * for a conversation that does not exist; admins have no window on private messages.
 */

interface Fixture {
  conversationId: string;
  memberMessageId: string;
  animateurMessageId: string;
}

const conversation = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.conversationId });
const memberMessage = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.memberMessageId });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/conversations', expect: everyone([401, 200, 200, 200, 200]) },
  {
    method: 'POST',
    path: '/api/conversations',
    note: 'to the member, or from the member to the animateur·ice',
    body: ({ people, actor }) => ({
      participantIds: [actor === 'member' ? people.animateur.id : people.member.id],
      body: '<p>Bonjour, une question sur votre démarche.</p>',
    }),
    expect: everyone([401, 201, 201, 201, 201]),
  },
  { method: 'GET', path: '/api/conversations/:id', params: conversation, expect: everyone([401, 404, 200, 200, 404]) },
  {
    method: 'POST',
    path: '/api/conversations/:id/messages',
    params: conversation,
    body: () => ({ body: '<p>Merci !</p>' }),
    expect: everyone([401, 404, 201, 201, 404]),
  },
  {
    method: 'POST',
    path: '/api/conversations/:id/read',
    params: conversation,
    body: () => ({ lastReadNumber: 2 }),
    expect: everyone([401, 404, 204, 204, 404]),
  },
  {
    method: 'PATCH',
    path: '/api/messages/:id',
    note: "the member's message",
    params: memberMessage,
    body: () => ({ body: '<p>Bonjour (corrigé)</p>' }),
    expect: everyone([401, 404, 200, 403, 404]),
  },
  {
    method: 'DELETE',
    path: '/api/messages/:id',
    note: "the member's message",
    params: memberMessage,
    expect: everyone([401, 404, 204, 403, 404]),
  },
  {
    method: 'POST',
    path: '/api/messages/:id/flags',
    note: "the member's message",
    params: memberMessage,
    body: () => ({ reason: 'spam' }),
    expect: everyone([401, 404, 403, 201, 404]),
  },
  { method: 'GET', path: '/api/me/message-settings', expect: everyone([401, 200, 200, 200, 200]) },
  {
    method: 'PUT',
    path: '/api/me/message-settings',
    body: () => ({ from: 'everyone' }),
    expect: everyone([401, 200, 200, 200, 200]),
  },
];

export const messagesMatrix = defineMatrix<Fixture>({
  name: 'direct message routes × people',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, people }) => {
    const started = await request(ctx, people.member, 'POST', '/api/conversations', {
      participantIds: [people.animateur.id],
      body: '<p>Bonjour</p>',
    });
    if (started.statusCode !== 201) throw new Error(`conversation failed: ${started.statusCode} ${started.body}`);
    const conversationId = started.json().conversation.id as string;
    const answered = await request(ctx, people.animateur, 'POST', `/api/conversations/${conversationId}/messages`, {
      body: '<p>Bonjour à vous</p>',
    });
    if (answered.statusCode !== 201) throw new Error(`answer failed: ${answered.statusCode} ${answered.body}`);
    return {
      conversationId,
      memberMessageId: started.json().message.id,
      animateurMessageId: answered.json().message.id,
    };
  },
  routes,
  tables: [
    'conversations',
    'conversation_participants',
    'messages',
    'message_settings',
    'flags',
    'realtime_rooms',
    'realtime_events',
    'realtime_payloads',
    'idempotency_keys',
  ],
});
