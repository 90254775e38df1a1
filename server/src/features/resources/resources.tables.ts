import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

/** A file uploaded to a space; its bytes are in the file storage under `storage_key`. */
export interface FilesTable {
  id: Generated<string>;
  space_id: string;
  uploaded_by: string;
  /** The uploaded name, cleaned (see `file-name.ts`). */
  name: string;
  /** Sniffed from the content, never taken from the name or the browser. */
  mime_type: string;
  /** `bigint` in the database, read back as a number by both engines (see db/database.ts). */
  size_bytes: number;
  storage_key: string;
  sha256: string;
  has_preview: Generated<boolean>;
  created_at: CreatedAt;
  deleted_at: Date | null;
}
export type FileRow = Selectable<FilesTable>;

/** A link to an outside resource (http or https). */
export interface LinksTable {
  id: Generated<string>;
  space_id: string;
  url: string;
  title: string;
  description: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
  deleted_at: Date | null;
}
export type LinkRow = Selectable<LinksTable>;

/** The feature's tables, joined into `DB` by db/schema.ts. */
export interface ResourcesTables {
  files: FilesTable;
  links: LinksTable;
}
