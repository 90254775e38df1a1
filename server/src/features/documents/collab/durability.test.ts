import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../app';
import { loadConfig } from '../../../config';
import type { Database } from '../../../db/database';
import {
  appendParagraph,
  openProvider,
  paragraphs,
  settled,
  type TestProvider,
  typeLongText,
} from '../../../test/collab';
import { createTestDatabase } from '../../../test/database';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { listen } from '../../../test/sockets';
import { createDocument } from '../documents.service';
import { loadStoredDoc } from '../storage.queries';

/**
 * Sees every append of changes to `document_updates` go by; refuses the next ones when told.
 * Kysely runs plugins when it compiles a query, so a refusal fails that statement (and the
 * transaction) before the database sees it, like a lost connection would.
 */
class AppendProbe implements KyselyPlugin {
  inserts = 0;
  refused = 0;
  private toRefuse = 0;
  private onRefuse: () => void = () => undefined;

  refuseNext(count: number, onRefuse: () => void) {
    this.toRefuse = count;
    this.refused = 0;
    this.onRefuse = onRefuse;
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(node) && node.into?.table.identifier.name === 'document_updates') {
      this.inserts += 1;
      if (this.refused < this.toRefuse) {
        this.refused += 1;
        this.onRefuse();
        throw new Error('injected failure: the database refused the append');
      }
    }
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/** Resolves at the first moment the provider has no unsynced change left, running `atAck` then. */
function nextAck<T>(test: TestProvider, atAck: () => T): Promise<T> {
  return new Promise((resolve) => {
    const listener = ({ number }: { number: number }) => {
      if (number !== 0) return;
      test.provider.off('unsyncedChanges', listener);
      resolve(atAck());
    };
    test.provider.on('unsyncedChanges', listener);
  });
}

describe('/collab acknowledges only what is stored', () => {
  const probe = new AppendProbe();
  let database: Database;
  let app: App;
  let url: string;
  let member: TestPerson;
  let spaceId: string;
  const providers: TestProvider[] = [];
  const open = async () => {
    const { id } = await createDocument({ db: database.db }, { spaceId, title: 'Compte rendu', authorId: member.id });
    const provider = openProvider(url, id, member);
    providers.push(provider);
    await settled(provider);
    return { id, provider };
  };

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMITS: 'off', SEED: 'off', LOG_LEVEL: 'silent' });
    const raw = await createTestDatabase();
    database = { ...raw, db: raw.db.withPlugin(probe) };
    app = await buildApp({ config, database });
    const ctx = { app, database, config, close: async () => undefined };
    url = await listen(ctx);
    member = await createPerson(ctx, { displayName: 'Awa Rédactrice' });
    spaceId = (await createSpace(database.db, { visibility: 'members', joinPolicy: 'request' })).id;
    await addMembership(database.db, spaceId, member.id);
  });

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    await app?.close();
    await database?.close();
  });

  it('retries a failed write and acknowledges the change only once it is stored', async () => {
    const { id, provider } = await open();
    const unsyncedAtFailure: boolean[] = [];
    probe.refuseNext(2, () => unsyncedAtFailure.push(provider.provider.hasUnsyncedChanges));
    const acked = nextAck(provider, () => ({ refused: probe.refused, stored: loadStoredDoc(database.db, id) }));
    appendParagraph(provider.doc, 'Relevé de décisions');
    const { refused, stored } = await acked;

    // Both refusals came while the editor still counted the change as unsynced …
    expect(refused).toBe(2);
    expect(unsyncedAtFailure).toEqual([true, true]);
    // … and when the ack came, the third attempt had committed it.
    const doc = await stored;
    expect(doc && paragraphs(doc)).toEqual(['Relevé de décisions']);
  });

  it('has the change in document_updates the moment the editor sees it acknowledged', async () => {
    const { id, provider } = await open();
    const started = performance.now();
    // Queried as soon as the ack arrives: the debounced store (1 s) cannot have run yet.
    const acked = nextAck(provider, () => ({
      latencyMs: performance.now() - started,
      stored: loadStoredDoc(database.db, id),
    }));
    appendParagraph(provider.doc, 'Ordre du jour : budget participatif');
    const { latencyMs, stored } = await acked;
    const doc = await stored;
    console.info(`ack ${Math.round(latencyMs * 10) / 10} ms after the change`);
    expect(doc && paragraphs(doc)).toEqual(['Ordre du jour : budget participatif']);
  });

  it('writes a fast typist’s changes in batches, and loses none', async () => {
    const { id, provider } = await open();
    const before = probe.inserts;
    const started = performance.now();
    typeLongText(provider.doc, { updates: 2000, charsPerUpdate: 20 });
    await settled(provider, 'every change acknowledged');
    const elapsedMs = performance.now() - started;
    const statements = probe.inserts - before;
    console.info(`2,000 changes acknowledged in ${Math.round(elapsedMs)} ms, written by ${statements} INSERTs`);
    // One transaction (one INSERT under 1,000 rows) per round trip to the database, not per change.
    expect(statements).toBeLessThan(2000 / 4);
    const doc = await loadStoredDoc(database.db, id);
    expect(doc?.getXmlFragment('default').toString()).toBe(provider.doc.getXmlFragment('default').toString());
  });
});
