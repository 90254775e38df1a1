import {
  MemberListSchema,
  type Post,
  PostResponseSchema,
  PostRevisionListSchema,
  type ReactionEmoji,
  ReactionsResponseSchema,
  ThreadCreatedSchema,
  ThreadDetailSchema,
  ThreadListSchema,
  ThreadResponseSchema,
  type ThreadUpdateBody,
} from '@atelier/contract';
import { api, request } from '../../lib/api';

/** The discussion calls of `API.md`, typed and checked by the contract's schemas. */

const id = encodeURIComponent;

export const discussionsApi = {
  threads: (slug: string) => api.get(`/api/spaces/${id(slug)}/threads?limit=100`, ThreadListSchema),
  createThread: (slug: string, body: { title: string; body: string }, key: string) =>
    request(`/api/spaces/${id(slug)}/threads`, {
      method: 'POST',
      body,
      schema: ThreadCreatedSchema,
      headers: { 'idempotency-key': key },
    }),
  members: (slug: string) => api.get(`/api/spaces/${id(slug)}/members?limit=200`, MemberListSchema),
  readAll: (slug: string) => api.post(`/api/spaces/${id(slug)}/read-all`),
  thread: (threadId: string) => api.get(`/api/threads/${id(threadId)}?limit=200`, ThreadDetailSchema),
  morePosts: (threadId: string, cursor: string) =>
    api.get(`/api/threads/${id(threadId)}?limit=200&cursor=${id(cursor)}`, ThreadDetailSchema),
  createPost: async (
    threadId: string,
    body: { body: string; replyToId?: string; quotePostId?: string },
    key: string,
  ): Promise<Post> =>
    (
      await request(`/api/threads/${id(threadId)}/posts`, {
        method: 'POST',
        body,
        schema: PostResponseSchema,
        headers: { 'idempotency-key': key },
      })
    ).post,
  editPost: async (postId: string, body: string) =>
    (await api.patch(`/api/posts/${id(postId)}`, { body }, PostResponseSchema)).post,
  deletePost: (postId: string) => api.delete(`/api/posts/${id(postId)}`),
  revisions: async (postId: string) =>
    (await api.get(`/api/posts/${id(postId)}/revisions`, PostRevisionListSchema)).items,
  updateThread: async (threadId: string, body: ThreadUpdateBody) =>
    (await api.patch(`/api/threads/${id(threadId)}`, body, ThreadResponseSchema)).thread,
  follow: (threadId: string, on: boolean) =>
    on ? api.put(`/api/threads/${id(threadId)}/follow`) : api.delete(`/api/threads/${id(threadId)}/follow`),
  react: async (postId: string, emoji: ReactionEmoji, on: boolean) =>
    (
      await request(`/api/posts/${id(postId)}/reactions/${id(emoji)}`, {
        method: on ? 'PUT' : 'DELETE',
        schema: ReactionsResponseSchema,
      })
    ).reactions,
  markRead: (threadId: string, lastReadPostId: string) =>
    api.post(`/api/threads/${id(threadId)}/read`, { lastReadPostId }),
};
