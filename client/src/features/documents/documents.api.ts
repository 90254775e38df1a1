import {
  type CommentAnchor,
  CommentReplyEnvelopeSchema,
  CommentThreadEnvelopeSchema,
  CommentThreadListSchema,
  DocumentEnvelopeSchema,
  DocumentTextSchema,
  DocumentVersionDetailSchema,
  DocumentVersionEnvelopeSchema,
  DocumentVersionListSchema,
  FileEnvelopeSchema,
  type LinkCreateBody,
  LinkEnvelopeSchema,
  type SpaceFile,
  SpaceResourcesSchema,
} from '@atelier/contract';
import { ApiError, api, parseApiError, request } from '../../lib/api';

/** The documents and resources calls of the contract, typed and checked by its schemas. */

const id = encodeURIComponent;
const documentPath = (documentId: string) => `/api/documents/${id(documentId)}`;

export const documentsApi = {
  resources: (slug: string) => api.get(`/api/spaces/${id(slug)}/resources`, SpaceResourcesSchema),
  create: async (slug: string, title: string) =>
    (await api.post(`/api/spaces/${id(slug)}/documents`, { title }, DocumentEnvelopeSchema)).document,
  get: async (documentId: string) => (await api.get(documentPath(documentId), DocumentEnvelopeSchema)).document,
  rename: async (documentId: string, title: string) =>
    (await api.patch(documentPath(documentId), { title }, DocumentEnvelopeSchema)).document,
  remove: (documentId: string) => api.delete(documentPath(documentId)),
  text: async (documentId: string) => (await api.get(`${documentPath(documentId)}/text`, DocumentTextSchema)).text,
  exportUrl: (documentId: string, format: 'markdown' | 'html') => `${documentPath(documentId)}/export?format=${format}`,

  versions: async (documentId: string) =>
    (await api.get(`${documentPath(documentId)}/versions`, DocumentVersionListSchema)).items,
  saveVersion: async (documentId: string, name: string) =>
    (await api.post(`${documentPath(documentId)}/versions`, { name }, DocumentVersionEnvelopeSchema)).version,
  version: (documentId: string, versionId: string) =>
    api.get(`${documentPath(documentId)}/versions/${id(versionId)}`, DocumentVersionDetailSchema),
  restore: async (documentId: string, versionId: string) =>
    (
      await api.post(
        `${documentPath(documentId)}/versions/${id(versionId)}/restore`,
        undefined,
        DocumentVersionEnvelopeSchema,
      )
    ).version,

  comments: (documentId: string) => api.get(`${documentPath(documentId)}/comments`, CommentThreadListSchema),
  /** `key`: the Idempotency-Key of the submission, reused when it is sent again. */
  startThread: async (documentId: string, body: { body: string; anchor: CommentAnchor }, key: string) =>
    (
      await request(`${documentPath(documentId)}/comments`, {
        method: 'POST',
        body,
        schema: CommentThreadEnvelopeSchema,
        headers: { 'idempotency-key': key },
      })
    ).thread,
  reply: (threadId: string, body: string, key: string) =>
    request(`/api/comments/${id(threadId)}/replies`, {
      method: 'POST',
      body: { body },
      schema: CommentReplyEnvelopeSchema,
      headers: { 'idempotency-key': key },
    }),
  setResolved: async (threadId: string, resolved: boolean) =>
    (
      await api.post(
        `/api/comments/${id(threadId)}/${resolved ? 'resolve' : 'reopen'}`,
        undefined,
        CommentThreadEnvelopeSchema,
      )
    ).thread,
  deleteComment: (commentId: string) => api.delete(`/api/comments/${id(commentId)}`),

  addLink: async (slug: string, body: LinkCreateBody) =>
    (await api.post(`/api/spaces/${id(slug)}/links`, body, LinkEnvelopeSchema)).link,
  deleteLink: (linkId: string) => api.delete(`/api/links/${id(linkId)}`),
  deleteFile: (fileId: string) => api.delete(`/api/files/${id(fileId)}`),
};

/** The reader's CSRF token, as `GET /api/me` gives it (the same for the whole session). */
async function csrfToken(): Promise<string> {
  const me = await api.get<{ csrfToken?: unknown }>('/api/me');
  if (typeof me?.csrfToken !== 'string') throw new ApiError('unauthenticated', 401, 'Not signed in');
  return me.csrfToken;
}

export interface UploadHandle {
  done: Promise<SpaceFile>;
  abort: () => void;
}

/**
 * Sends one file as multipart (`file` part) with XMLHttpRequest, the one browser API that
 * reports upload progress. The JSON client cannot send a body like this, so the CSRF token is
 * asked for first (one small request, made only when someone uploads).
 */
export function uploadFile(slug: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const request = new XMLHttpRequest();
  let aborted = false;
  const done = (async () => {
    const token = await csrfToken();
    if (aborted) throw new DOMException('Upload cancelled', 'AbortError');
    return new Promise<SpaceFile>((resolve, reject) => {
      request.open('POST', `/api/spaces/${id(slug)}/files`);
      request.setRequestHeader('accept', 'application/json');
      request.setRequestHeader('x-csrf-token', token);
      request.withCredentials = true;
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      request.onload = () => {
        let body: unknown;
        try {
          body = request.responseText ? JSON.parse(request.responseText) : undefined;
        } catch {
          body = undefined;
        }
        if (request.status < 200 || request.status >= 300) return reject(parseApiError(request.status, body));
        try {
          resolve(FileEnvelopeSchema.parse(body).file);
        } catch {
          reject(new ApiError('unexpected_response', request.status, 'Unexpected answer to the upload'));
        }
      };
      request.onerror = () => reject(new ApiError('network_error', 0, 'The server could not be reached'));
      request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      const form = new FormData();
      form.append('file', file, file.name);
      request.send(form);
    });
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      request.abort();
    },
  };
}
