import { rooms } from '@atelier/contract';
import type { Publish } from '../../plugins/realtime/types';

/** Tells the space's readers that its files or links changed: open Ressources tabs read them again. */
export const announceResources = (publish: Publish, spaceId: string) =>
  publish(rooms.space(spaceId), 'resources.changed', { spaceId });
