import type { Document, DocumentVersion } from '@atelier/contract';
import { createResource } from 'solid-js';
import { session } from '../accounts/session.store';
import { spaceApi } from '../spaces/space.store';
import { documentsApi } from './documents.api';

/**
 * One shared document as its page shows it: the document (its `canEdit` is the reader's own, so
 * it is read again when someone else signs in), the space it belongs to (only for the way
 * back's wording), renaming and export links. The text itself lives in the collab editor.
 */
export function createDocumentStore(documentId: () => string, slug: () => string | undefined) {
  const [document, { mutate, refetch }] = createResource(
    () => (session.status() === 'loading' ? false : `${documentId()} ${session.user()?.id ?? ''}`),
    () => documentsApi.get(documentId()),
  );
  // The page does not wait for it, nor fails with it.
  const [space] = createResource(slug, (value) => spaceApi.get(value).catch(() => undefined));

  return {
    document,
    spaceTitle: () => (space.state === 'ready' ? space()?.space.title : undefined),
    /** Starts over after a failed first load. */
    reload: () => refetch(),
    /** Reads the document again quietly: the editor said the reader's rights changed. */
    refresh: async () => {
      mutate(await documentsApi.get(documentId()));
    },
    rename: async (title: string): Promise<Document> => {
      const renamed = await documentsApi.rename(documentId(), title);
      mutate(renamed);
      return renamed;
    },
    exportUrl: (format: 'markdown' | 'html') => documentsApi.exportUrl(documentId(), format),
  };
}
export type DocumentStore = ReturnType<typeof createDocumentStore>;

/**
 * A document's versions, read while the history is open (newest first): a version's content on
 * demand, saving a named version and restoring an old one (a new change the server applies to
 * every open editor live, through Yjs).
 */
export function createHistoryStore(documentId: () => string, open: () => boolean) {
  const [versions, { mutate, refetch }] = createResource(
    () => (open() ? documentId() : false),
    (id) => documentsApi.versions(id),
  );
  const prepend = (version: DocumentVersion) => mutate((current) => [version, ...(current ?? [])]);

  return {
    versions,
    /** One version's HTML and text, for viewing or comparing. */
    version: (versionId: string) => documentsApi.version(documentId(), versionId),
    save: async (name: string) => {
      const version = await documentsApi.saveVersion(documentId(), name);
      prepend(version);
      return version;
    },
    restore: async (versionId: string) => {
      const made = await documentsApi.restore(documentId(), versionId);
      prepend(made);
      void refetch();
      return made;
    },
  };
}
export type HistoryStore = ReturnType<typeof createHistoryStore>;
