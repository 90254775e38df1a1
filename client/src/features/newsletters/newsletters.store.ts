import type { Newsletter } from '@atelier/contract';
import { createResource, createSignal, onCleanup } from 'solid-js';
import { locale } from '../../lib/i18n';
import { session } from '../accounts/session.store';
import { documentBlocks, eventBlocks, type InsertBlock, resourceBlocks, threadBlocks } from './newsletter-blocks';
import { newslettersApi } from './newsletters.api';

/** How often an issue being sent is read again, until its mails are all accounted for. */
const WATCH_EVERY_MS = 2000;

/** An issue still being mailed (or whose mails are still queued, for those who see the counts). */
const inFlight = (issue: Newsletter | undefined) =>
  issue !== undefined &&
  (issue.status === 'sending' ||
    (issue.status === 'sent' &&
      issue.sentCount !== null &&
      issue.sentCount + (issue.failedCount ?? 0) < issue.recipientCount));

/**
 * One issue's page: the issue and its space (for the way back), read again every few seconds
 * while its mails are being written and delivered, so that « Envoyée le … » and the counts
 * appear without a reload.
 */
export function createNewsletterStore(slug: () => string, id: () => string) {
  const [issue, { mutate, refetch }] = createResource(
    () => ({ id: id(), viewer: session.viewerKey() }),
    ({ id: current }) => newslettersApi.get(current),
  );
  const [space] = createResource(slug, (current) => newslettersApi.space(current));
  const timer = setInterval(() => {
    if (!inFlight(issue.latest)) return;
    newslettersApi.get(id()).then(mutate, () => undefined);
  }, WATCH_EVERY_MS);
  onCleanup(() => clearInterval(timer));
  return { issue, space, reload: () => refetch() };
}

/**
 * The composer: the space (its title, whether the reader manages it), the draft being written
 * (none yet for a new one), who it would reach, the blocks « Insérer depuis l'espace » offers,
 * and saving and sending. A new draft is created at its first save with an Idempotency-Key kept
 * until the creation succeeds: a retry after a lost answer gets the same draft back (and the
 * next save brings it up to date) rather than a second one.
 */
export function createComposerStore(slug: () => string, draftId: string | null) {
  const [space] = createResource(slug, (current) => newslettersApi.space(current));
  const [loaded] = createResource(
    () => draftId ?? false,
    (current) => newslettersApi.get(current),
  );
  // A new draft's recipients: those an issue sent now would reach, from the archive's answer.
  const [archive] = createResource(
    () => (draftId ? false : slug()),
    (current) => newslettersApi.list(current, null, 1),
  );
  const [saved, setSaved] = createSignal<Newsletter | null>(null);
  const [blocks] = createResource(
    () => {
      const current = space.latest;
      return current?.permissions.manage ? { spaceId: current.space.id, slug: slug() } : false;
    },
    async ({ spaceId, slug: current }): Promise<InsertBlock[]> => {
      const [events, resources, threads] = await Promise.all([
        newslettersApi.events(spaceId),
        newslettersApi.resources(current),
        newslettersApi.threads(current),
      ]);
      return [
        ...eventBlocks(events.items, locale()),
        ...documentBlocks(resources, current),
        ...resourceBlocks(resources),
        ...threadBlocks(threads.items, current),
      ];
    },
  );
  let key: string | null = null;

  const current = () => saved() ?? loaded.latest ?? null;
  return {
    space,
    loaded,
    blocks,
    /** The draft as the server last returned it (null before a new one's first save). */
    current,
    recipientCount: () => current()?.recipientCount ?? archive.latest?.recipientCount ?? null,
    /** Creates the draft or saves its changes; the server's sanitized body comes back. */
    async save(subject: string, body: string): Promise<Newsletter> {
      const existing = current();
      if (existing) {
        const changed = await newslettersApi.update(existing.id, { subject, body });
        setSaved(changed);
        return changed;
      }
      key ??= crypto.randomUUID();
      const created = await newslettersApi.create(slug(), { subject, body }, key);
      key = null;
      setSaved(created);
      return created;
    },
    async send(id: string) {
      const result = await newslettersApi.send(id);
      setSaved(result.newsletter);
      return result;
    },
  };
}

export type ComposerStore = ReturnType<typeof createComposerStore>;
