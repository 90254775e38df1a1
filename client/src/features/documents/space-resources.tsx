import type { SpaceResponse } from '@atelier/contract';
import { t } from '../../lib/i18n';

/** The space's "Ressources" tab: its shared documents, files and links. */
export function SpaceResources(_props: { data: SpaceResponse }) {
  return <p>{t('space.soon.documents')}</p>;
}
