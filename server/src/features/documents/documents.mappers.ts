import type { Document, DocumentVersion } from '@atelier/contract';
import type { DocumentRecord } from './documents.queries';
import type { VersionRecord } from './versions.queries';

export function toDocument(row: DocumentRecord, canEdit: boolean): Document {
  return {
    id: row.id,
    spaceId: row.space_id,
    title: row.title,
    author: { id: row.created_by, displayName: row.author_name ?? '' },
    createdAt: row.created_at.toISOString(),
    lastEditedAt: row.last_edited_at?.toISOString() ?? null,
    lastEditedBy: row.last_edited_by ? { id: row.last_edited_by, displayName: row.last_editor_name ?? '' } : null,
    canEdit,
  };
}

export function toVersion(row: VersionRecord): DocumentVersion {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
  };
}
