import type { Document } from '@atelier/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { Transactional } from '../../plugins/realtime/types';
import type { Actor } from '../../policy/policy';
import type { FileStorage } from './file-storage';
import type { TextExtractor } from './text-extraction';

export interface ResourcesDeps {
  db: Db;
  /** A change and its `resources.changed` announcement commit together: `app.realtime.transaction`. */
  transaction: Transactional;
  storage: FileStorage;
  /** An upload queues `resources.extractText` in its transaction. */
  jobs: Pick<Jobs, 'enqueue'>;
  /** Reads the text of PDF and office files, for search, in a child process. */
  extractor: TextExtractor;
  /** Largest upload in bytes (FILE_MAX_BYTES unless the configuration lowers or raises it). */
  maxBytes: number;
  /** The space's documents as the actor sees them, from `features/documents`. */
  listDocuments(input: { spaceId: string; actor: Actor }): Promise<Document[]>;
  log: Pick<FastifyBaseLogger, 'warn'>;
}
