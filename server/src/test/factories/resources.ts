import type { TestContext } from '../app';
import { multipart, type Part } from '../files';
import type { TestPerson } from './people';

/** `POST /api/spaces/:slug/files` with one file part named `file` (unless `parts` says otherwise). */
export function upload(
  ctx: TestContext,
  person: TestPerson | null,
  slug: string,
  file: { filename: string; content: Buffer | string; contentType?: string } | { parts: Part[] },
) {
  const body = multipart('parts' in file ? file.parts : [{ name: 'file', ...file }]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/spaces/${slug}/files`,
    headers: { ...(person?.headers ?? {}), 'content-type': body.contentType },
    payload: body.payload,
  });
}
