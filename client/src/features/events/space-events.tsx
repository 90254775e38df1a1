import type { SpaceResponse } from '@atelier/contract';
import { t } from '../../lib/i18n';

/** The space's "Événements" tab: its coming events, and creating one for its animateur·ices. */
export function SpaceEvents(_props: { data: SpaceResponse }) {
  return <p>{t('space.soon.events')}</p>;
}
