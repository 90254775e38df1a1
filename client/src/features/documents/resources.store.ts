import { type LinkCreateBody, rooms, type SpaceResources, type SpaceResponse } from '@atelier/contract';
import { createResource } from 'solid-js';
import { useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { documentsApi, type UploadHandle, uploadFile } from './documents.api';

export type ResourceKind = 'document' | 'file' | 'link';

/** The fresh list, with the previous objects for the items that are the same as before. */
function unchangedKept<T extends { id: string }>(previous: T[], next: T[]): T[] {
  const before = new Map(previous.map((item) => [item.id, item]));
  return next.map((item) => {
    const old = before.get(item.id);
    return old && JSON.stringify(old) === JSON.stringify(item) ? old : item;
  });
}

/**
 * A space's resources (its Ressources tab): shared documents, files and links, read when the
 * reader may see them (again when someone else signs in), and every action on them. Each list
 * changes once the server has agreed: the tab shows progress and confirmations, not guesses.
 * What others share or remove reaches the tab live (`resources.changed` in the space's room).
 */
export function createResourcesStore(data: () => SpaceResponse) {
  const slug = () => data().space.slug;
  const [resources, { mutate, refetch }] = createResource(
    () => (data().permissions.viewContent ? `${slug()} ${session.user()?.id ?? ''}` : false),
    () => documentsApi.resources(slug()),
  );

  /**
   * Reads the lists again without going back to "Chargement…". Items that did not change keep
   * their identity, so the list keeps their rows (and a form open in one) as they are.
   */
  const refresh = async () => {
    try {
      const next = await documentsApi.resources(slug());
      const current = resources.latest;
      mutate(
        current
          ? {
              documents: unchangedKept(current.documents, next.documents),
              files: unchangedKept(current.files, next.files),
              links: unchangedKept(current.links, next.links),
            }
          : next,
      );
    } catch {
      // The lists shown stay; the next change or reconnection reads them again.
    }
  };
  useRoom(() => (data().permissions.viewContent ? rooms.space(data().space.id) : null), {
    onResync: () => void refresh(),
    // What was shared between the first read and the subscription reaches the tab too.
    onSubscribed: () => void refresh(),
    on: {
      'resources.changed': ({ spaceId }) => {
        if (spaceId === data().space.id) void refresh();
      },
    },
  });

  const change = (next: (current: SpaceResources) => SpaceResources) => {
    const current = resources();
    if (current) mutate(next(current));
  };

  return {
    resources,
    /** Starts over after a failed first load. */
    reload: () => refetch(),

    /** A new, empty document (the page opens it next). */
    createDocument: (title: string) => documentsApi.create(slug(), title),

    addLink: async (body: LinkCreateBody) => {
      const link = await documentsApi.addLink(slug(), body);
      change((current) => ({ ...current, links: [link, ...current.links] }));
      return link;
    },

    /** Sends one file with progress; once stored it heads the list. */
    upload: (file: File, onProgress: (fraction: number) => void): UploadHandle => {
      const handle = uploadFile(slug(), file, onProgress);
      return {
        abort: handle.abort,
        done: handle.done.then((stored) => {
          change((current) => ({ ...current, files: [stored, ...current.files] }));
          return stored;
        }),
      };
    },

    remove: async (kind: ResourceKind, id: string) => {
      if (kind === 'document') {
        await documentsApi.remove(id);
        change((current) => ({ ...current, documents: current.documents.filter((item) => item.id !== id) }));
      } else if (kind === 'file') {
        await documentsApi.deleteFile(id);
        change((current) => ({ ...current, files: current.files.filter((item) => item.id !== id) }));
      } else {
        await documentsApi.deleteLink(id);
        change((current) => ({ ...current, links: current.links.filter((item) => item.id !== id) }));
      }
    },
  };
}
export type ResourcesStore = ReturnType<typeof createResourcesStore>;
