import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

export interface DocumentsTable {
  id: Generated<string>;
  /** Null: a document of the whole alliance (read by everyone, edited by admins). */
  space_id: string | null;
  title: string;
  created_by: string;
  created_at: CreatedAt;
  last_edited_at: Date | null;
  last_edited_by: string | null;
  deleted_at: Date | null;
  /** The compacted Yjs state (one update), or null before the first compaction. */
  state: Uint8Array | null;
  /** Every `document_updates` row up to this id is already folded into `state`. */
  compacted_through: Generated<number>;
  plain_text: Generated<string>;
  last_auto_version_at: Date | null;
  search_vector: ColumnType<string, never, never>;
}
export type DocumentRow = Selectable<DocumentsTable>;

export interface DocumentUpdatesTable {
  id: Generated<number>;
  document_id: string;
  update: Uint8Array;
  created_at: CreatedAt;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  kind: 'auto' | 'named' | 'restore';
  name: string | null;
  state: Uint8Array;
  plain_text: string;
  created_by: string | null;
  created_at: CreatedAt;
}
export type DocumentVersionRow = Selectable<DocumentVersionsTable>;

/** The feature's tables, joined into `DB` by db/schema.ts. */
export interface DocumentsTables {
  documents: DocumentsTable;
  document_updates: DocumentUpdatesTable;
  document_versions: DocumentVersionsTable;
}
