import { describe, expect, it } from 'vitest';
import { request } from '../../test/http';
import { moderationMatrix } from '../../test/matrices/moderation';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of flags, queues, decisions and blocks: every route × every kind
 * of person × every visibility of the space, from `test/matrices/moderation.ts`; then unknown ids.
 */

const matrix = describeMatrix(moderationMatrix);

describe('unknown flags and people', () => {
  it('are 404, whatever the id looks like, even to an admin', async () => {
    const { ctx, people } = matrix;
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const decision = await request(ctx, people.admin, 'POST', `/api/flags/${id}/decision`, { decision: 'keep' });
      expect(decision.statusCode).toBe(404);
      expect((await request(ctx, people.admin, 'PUT', `/api/users/${id}/block`)).statusCode).toBe(404);
      const flag = await request(ctx, people.admin, 'POST', `/api/files/${id}/flags`, { reason: 'spam' });
      expect(flag.statusCode).toBe(404);
    }
  });
});
