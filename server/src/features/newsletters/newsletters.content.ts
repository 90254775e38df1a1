import type { Newsletter, NewsletterSummary } from '@atelier/contract';
import { excerpt } from '../discussions/sanitize';
import type { NewsletterRecord } from './newsletters.queries';

const iso = (value: Date) => new Date(value).toISOString();
const isoOrNull = (value: Date | null) => (value === null ? null : iso(value));

/** The client's page of an issue: what the mails link to as « Lire en ligne ». */
export const newsletterPath = (spaceSlug: string, id: string) =>
  `/espaces/${encodeURIComponent(spaceSlug)}/infolettres/${encodeURIComponent(id)}`;

/** A draft's `recipientCount` is who would receive it now; an issue's, what it was sent to. */
function fields(row: NewsletterRecord, currentRecipients: number) {
  return {
    id: row.id,
    spaceId: row.space_id,
    subject: row.subject,
    status: row.status,
    author: row.author_id && row.author_name ? { id: row.author_id, displayName: row.author_name } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    sentAt: isoOrNull(row.sent_at),
    recipientCount: row.status === 'draft' ? currentRecipients : (row.recipient_count ?? 0),
  };
}

export function toNewsletterSummary(row: NewsletterRecord, currentRecipients: number): NewsletterSummary {
  return { ...fields(row, currentRecipients), excerpt: excerpt(row.body, 200) };
}

export function toNewsletter(
  row: NewsletterRecord,
  extras: {
    currentRecipients: number;
    canManage: boolean;
    /** Only for those who manage the space; null hides them. */
    counts: { sent: number; failed: number } | null;
  },
): Newsletter {
  return {
    ...fields(row, extras.currentRecipients),
    body: row.body,
    sentCount: extras.counts?.sent ?? null,
    failedCount: extras.counts?.failed ?? null,
    canManage: extras.canManage,
  };
}
