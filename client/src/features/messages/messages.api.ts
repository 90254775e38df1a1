import {
  ConversationCreatedSchema,
  ConversationDetailSchema,
  ConversationListSchema,
  FlagEnvelopeSchema,
  type FlagReason,
  MessageResponseSchema,
  type MessageSettings,
  MessageSettingsSchema,
} from '@atelier/contract';
import { api, request } from '../../lib/api';

/** The direct-message calls of `API.md`, typed and checked by the contract's schemas. */

const id = encodeURIComponent;

export const messagesApi = {
  list: () => api.get('/api/conversations', ConversationListSchema),
  conversation: (conversationId: string, before?: number) =>
    api.get(`/api/conversations/${id(conversationId)}${before ? `?before=${before}` : ''}`, ConversationDetailSchema),
  start: (participantIds: string[], body: string, key: string) =>
    request('/api/conversations', {
      method: 'POST',
      body: { participantIds, body },
      schema: ConversationCreatedSchema,
      headers: { 'idempotency-key': key },
    }),
  send: async (conversationId: string, body: string, key: string) =>
    (
      await request(`/api/conversations/${id(conversationId)}/messages`, {
        method: 'POST',
        body: { body },
        schema: MessageResponseSchema,
        headers: { 'idempotency-key': key },
      })
    ).message,
  edit: async (messageId: string, body: string) =>
    (await api.patch(`/api/messages/${id(messageId)}`, { body }, MessageResponseSchema)).message,
  remove: (messageId: string) => api.delete(`/api/messages/${id(messageId)}`),
  read: (conversationId: string, lastReadNumber: number) =>
    api.post(`/api/conversations/${id(conversationId)}/read`, { lastReadNumber }),
  report: (messageId: string, reason: FlagReason, note?: string) =>
    api.post(`/api/messages/${id(messageId)}/flags`, { reason, ...(note ? { note } : {}) }, FlagEnvelopeSchema),
  settings: () => api.get('/api/me/message-settings', MessageSettingsSchema),
  saveSettings: (settings: MessageSettings) => api.put('/api/me/message-settings', settings, MessageSettingsSchema),
};
