import type { UnsubscribeResult } from '@atelier/contract';
import { createResource } from 'solid-js';
import { ApiError } from '../../lib/api';
import { mailApi } from './mail.api';

/**
 * What the landing page of a mail's unsubscribe link shows: the list it left (and what it was
 * before, to undo), a link that is not one of ours, or a space that no longer exists.
 */
export type UnsubscribeOutcome = { status: 'done'; result: UnsubscribeResult } | { status: 'invalid' | 'gone' };

/**
 * `/desabonnement/:token`: the token is sent once, when the page opens (a mail scanner that
 * fetches the address runs no script; the one-click POST of mail clients goes to the API).
 * Other failures (network, too many tries) are thrown to the page, which offers to retry.
 */
export function createUnsubscribe(token: () => string) {
  const [outcome, { mutate, refetch }] = createResource(token, async (value): Promise<UnsubscribeOutcome> => {
    try {
      return { status: 'done', result: await mailApi.unsubscribe(value) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'invalid_token' || error.code === 'invalid_input') return { status: 'invalid' };
      if (error.code === 'not_found') return { status: 'gone' };
      throw error;
    }
  });

  return {
    outcome,
    retry: () => refetch(),
    /** Puts back the mode the list had before the link was opened. */
    undo: async () => {
      const current = outcome();
      if (current?.status !== 'done') return;
      const result = await mailApi.undo(token(), current.result.previous);
      mutate({ status: 'done', result });
    },
  };
}
