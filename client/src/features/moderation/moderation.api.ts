import {
  BlockListSchema,
  BlockStateSchema,
  type FlagCreateBody,
  type FlagDecisionBody,
  FlagDecisionResultSchema,
  FlagEnvelopeSchema,
  type FlagTargetType,
  ModerationQueueSchema,
} from '@atelier/contract';
import { api } from '../../lib/api';

/** The trust-and-safety calls of `API.md`, typed and checked by the contract's schemas. */

const id = encodeURIComponent;
const FLAG_PATHS: Record<FlagTargetType, string> = {
  post: 'posts',
  document: 'documents',
  file: 'files',
  message: 'messages',
};

export const moderationApi = {
  flag: (type: FlagTargetType, targetId: string, body: FlagCreateBody) =>
    api.post(`/api/${FLAG_PATHS[type]}/${id(targetId)}/flags`, body, FlagEnvelopeSchema),
  spaceQueue: (slug: string) => api.get(`/api/spaces/${id(slug)}/moderation`, ModerationQueueSchema),
  adminQueue: () => api.get('/api/admin/moderation', ModerationQueueSchema),
  decide: (flagId: string, body: FlagDecisionBody) =>
    api.post(`/api/flags/${id(flagId)}/decision`, body, FlagDecisionResultSchema),
  block: (userId: string) => api.put(`/api/users/${id(userId)}/block`, undefined, BlockStateSchema),
  unblock: (userId: string) => api.delete(`/api/users/${id(userId)}/block`, BlockStateSchema),
  blocks: () => api.get('/api/me/blocks', BlockListSchema),
};
