import { type Event, formatEventRange, type Locale, type SpaceResources, type Thread } from '@atelier/contract';

/**
 * The blocks « Insérer depuis l'espace » offers: the space's next events, its documents (a
 * compte rendu), its newest files and links, and its threads (pinned first). Each is inserted
 * as one paragraph: a link to the thing, then a few words about it. Links are absolute, made
 * from the page's own origin (the address the site is served from, PUBLIC_URL), so that they
 * work from a mail client; the server also makes site paths absolute when it stores the body.
 */

export type BlockGroup = 'events' | 'documents' | 'resources' | 'threads';
export const BLOCK_GROUPS: readonly BlockGroup[] = ['events', 'documents', 'resources', 'threads'];

export interface InsertBlock {
  /** Unique in the menu: `<group>:<id>`. */
  key: string;
  group: BlockGroup;
  title: string;
  /** A short note after the link (a date, a description); may be empty. */
  detail: string;
  /** A site path (`/evenements/…`) or an outside address (a shared link). */
  href: string;
}

/** How many blocks each group offers. */
export const BLOCKS_PER_GROUP = 5;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

const shorten = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

const spacePath = (slug: string) => `/espaces/${encodeURIComponent(slug)}`;

/** Coming events, soonest first (cancelled ones left out). */
export function eventBlocks(events: Event[], lang: Locale, now = new Date()): InsertBlock[] {
  return events
    .filter((event) => !event.cancelledAt && new Date(event.endsAt).getTime() > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, BLOCKS_PER_GROUP)
    .map((event) => ({
      key: `events:${event.id}`,
      group: 'events',
      title: event.title,
      detail: formatEventRange(event.startsAt, event.endsAt, lang, event.timezone),
      href: `/evenements/${encodeURIComponent(event.id)}`,
    }));
}

/** Documents, the most recently written first. */
export function documentBlocks(resources: SpaceResources, slug: string): InsertBlock[] {
  const changed = (document: SpaceResources['documents'][number]) => document.lastEditedAt ?? document.createdAt;
  return [...resources.documents]
    .sort((a, b) => changed(b).localeCompare(changed(a)))
    .slice(0, BLOCKS_PER_GROUP)
    .map((document) => ({
      key: `documents:${document.id}`,
      group: 'documents',
      title: document.title,
      detail: '',
      href: `${spacePath(slug)}/documents/${encodeURIComponent(document.id)}`,
    }));
}

/** The newest files and links together, newest first. */
export function resourceBlocks(resources: SpaceResources): InsertBlock[] {
  const files = resources.files.map((file) => ({
    at: file.createdAt,
    block: {
      key: `resources:${file.id}`,
      group: 'resources' as const,
      title: file.name,
      detail: '',
      href: file.downloadUrl,
    },
  }));
  const links = resources.links.map((link) => ({
    at: link.createdAt,
    block: {
      key: `resources:${link.id}`,
      group: 'resources' as const,
      title: link.title,
      detail: shorten(link.description),
      href: link.url,
    },
  }));
  return [...files, ...links]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, BLOCKS_PER_GROUP)
    .map(({ block }) => block);
}

/** Pinned threads (the space's « à la une »), then the liveliest recent ones. */
export function threadBlocks(threads: Thread[], slug: string): InsertBlock[] {
  return [...threads]
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastPostAt.localeCompare(a.lastPostAt))
    .slice(0, BLOCKS_PER_GROUP)
    .map((thread) => ({
      key: `threads:${thread.id}`,
      group: 'threads',
      title: thread.title,
      detail: '',
      href: `${spacePath(slug)}/fils/${encodeURIComponent(thread.id)}`,
    }));
}

/** The paragraph a block becomes in the composer: `<p><a href="…">title</a> — detail</p>`, escaped. */
export function blockHtml(block: InsertBlock, origin: string): string {
  const href = new URL(block.href, origin).href;
  const detail = block.detail ? ` — ${escapeHtml(block.detail)}` : '';
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(block.title)}</a>${detail}</p>`;
}
