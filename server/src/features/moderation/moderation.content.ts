import type { FlagReason, FlagTargetType, ModerationItem } from '@atelier/contract';
import { excerpt } from '../discussions/sanitize';
import type { messageTargets } from '../messages/messages.queries';
import type { documentTargets, FlagRecord, fileTargets, postTargets } from './moderation.queries';

type Flag = NonNullable<FlagRecord>;
type PostTarget = Awaited<ReturnType<typeof postTargets>>[number];
type DocumentTarget = Awaited<ReturnType<typeof documentTargets>>[number];
type FileTarget = Awaited<ReturnType<typeof fileTargets>>[number];
type MessageTarget = Awaited<ReturnType<typeof messageTargets>>[number];

const iso = (value: Date) => new Date(value).toISOString();
const segment = encodeURIComponent;

/** Where each kind of thing is read, as a path of the site. */
export function targetPath(
  type: FlagTargetType,
  target: { id: string; space_slug: string | null; thread_id?: string | null },
): string {
  if (type === 'post') {
    return `/espaces/${segment(target.space_slug ?? '')}/fils/${segment(target.thread_id ?? '')}#message-${target.id}`;
  }
  if (type === 'document') {
    return target.space_slug
      ? `/espaces/${segment(target.space_slug)}/documents/${target.id}`
      : `/documents/${target.id}`;
  }
  return `/api/files/${target.id}/download`;
}

const REASON_ORDER: FlagReason[] = ['abuse', 'charter', 'spam', 'other'];

/**
 * The queue: open flags grouped per thing, oldest first, with the thing's title, excerpt,
 * link and author. Things gone meanwhile (deleted elsewhere) are still listed, so that their
 * flags can be closed; flaggers are never named.
 */
export function toQueue(
  flags: Flag[],
  targets: { posts: PostTarget[]; documents: DocumentTarget[]; files: FileTarget[]; messages: MessageTarget[] },
): ModerationItem[] {
  const messages = new Map(targets.messages.map((row) => [row.id, row]));
  const posts = new Map(targets.posts.map((row) => [row.id, row]));
  const documents = new Map(targets.documents.map((row) => [row.id, row]));
  const files = new Map(targets.files.map((row) => [row.id, row]));
  const groups = new Map<string, Flag[]>();
  for (const flag of flags) {
    const key = `${flag.target_type}:${flag.target_id}`;
    groups.set(key, [...(groups.get(key) ?? []), flag]);
  }
  return [...groups.values()].flatMap((group): ModerationItem[] => {
    const first = group[0];
    if (!first) return [];
    const type = first.target_type;
    const reasons = REASON_ORDER.filter((reason) => group.some((flag) => flag.reason === reason));
    const flagsOf = () =>
      group.map((flag) => ({ id: flag.id, reason: flag.reason, note: flag.note, createdAt: iso(flag.created_at) }));
    if (type === 'message') {
      // A reported direct message: the message alone, shown because its reader reported it.
      const message = messages.get(first.target_id);
      if (!message) return [];
      return [
        {
          targetType: type,
          targetId: message.id,
          flagId: first.id,
          space: null,
          title: message.title,
          excerpt: message.deleted_at ? '' : excerpt(message.body, 300),
          url: '',
          author: { id: message.author_id, displayName: message.author_name },
          hidden: false,
          count: new Set(group.map((flag) => flag.flagged_by)).size,
          reasons,
          flags: flagsOf(),
          firstFlaggedAt: iso(first.created_at),
        },
      ];
    }
    const row =
      type === 'post'
        ? posts.get(first.target_id)
        : type === 'document'
          ? documents.get(first.target_id)
          : files.get(first.target_id);
    if (!row) return [];
    const post = type === 'post' ? (row as PostTarget) : null;
    return [
      {
        targetType: type,
        targetId: first.target_id,
        flagId: first.id,
        space: row.space_id ? { id: row.space_id, slug: row.space_slug ?? '', title: row.space_title ?? '' } : null,
        title: row.title,
        excerpt: post ? excerpt(post.body, 300) : '',
        url: targetPath(type, { id: row.id, space_slug: row.space_slug, thread_id: post?.thread_id ?? null }),
        author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
        hidden: Boolean(post?.hidden_at),
        count: new Set(group.map((flag) => flag.flagged_by)).size,
        reasons,
        flags: group.map((flag) => ({
          id: flag.id,
          reason: flag.reason,
          note: flag.note,
          createdAt: iso(flag.created_at),
        })),
        firstFlaggedAt: iso(first.created_at),
      },
    ];
  });
}
