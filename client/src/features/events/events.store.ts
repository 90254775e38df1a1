import { NextPermanenceSchema } from '@atelier/contract';
import { createResource } from 'solid-js';
import { api } from '../../lib/api';

/** The next permanence (first Tuesday of the month, online), or null when none is planned. */
export function createNextPermanence() {
  const [next, { refetch }] = createResource(async () => {
    const body = await api.get('/api/permanence/next', NextPermanenceSchema);
    return body.next;
  });
  return { next, refetch };
}
