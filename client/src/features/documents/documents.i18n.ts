import { defineMessages } from '../../lib/i18n';
import { documentsFr } from './documents.fr';

/** Shared documents and a space's resources (files, links), with versions: `t` and `tc` on these texts and the application's. */
export const documentsMessages = defineMessages(documentsFr, () => import('./documents.en'));
export const { t, tc } = documentsMessages;
export type MessageKey = Parameters<typeof t>[0];
