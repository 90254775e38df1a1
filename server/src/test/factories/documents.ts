import type { TestContext } from '../app';
import { request } from '../http';
import type { TestPerson } from './people';

/** Creates a document in a space through the API and returns its id. */
export async function createDocument(ctx: TestContext, person: TestPerson, slug: string, title = 'Notes de séance') {
  const response = await request(ctx, person, 'POST', `/api/spaces/${slug}/documents`, { title });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { document: { id: string } }).document.id;
}
