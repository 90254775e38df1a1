import type { ResourceLink, SpaceFile } from '@atelier/contract';
import type { FileRecord, LinkRecord } from './resources.queries';

const iso = (value: Date) => new Date(value).toISOString();

export const downloadUrl = (id: string) => `/api/files/${id}/download`;
export const previewUrl = (id: string) => `/api/files/${id}/preview`;

export function toFile(row: FileRecord): SpaceFile {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    uploadedBy: { id: row.uploaded_by, displayName: row.uploader_name },
    createdAt: iso(row.created_at),
    downloadUrl: downloadUrl(row.id),
    previewUrl: row.has_preview ? previewUrl(row.id) : null,
  };
}

export function toLink(row: LinkRecord): ResourceLink {
  return {
    id: row.id,
    spaceId: row.space_id,
    url: row.url,
    title: row.title,
    description: row.description,
    createdBy: { id: row.created_by, displayName: row.author_name },
    createdAt: iso(row.created_at),
  };
}
