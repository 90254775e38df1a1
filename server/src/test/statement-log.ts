import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Records the kind of every statement the app runs while `recording` (raw SQL, such as the job
 * queue's, shows as `raw`): what a request does, independent of how long it takes.
 */
export class StatementLog implements KyselyPlugin {
  recording = false;
  statements: string[] = [];
  private kinds = new WeakMap<QueryId, string>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const table =
      'from' in node && node.from ? JSON.stringify(node.from) : 'into' in node ? JSON.stringify(node.into) : '';
    this.kinds.set(queryId, `${node.kind} ${table}`);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.recording) this.statements.push(this.kinds.get(queryId) ?? 'raw');
    return result;
  }

  async during(work: () => Promise<unknown>) {
    this.statements = [];
    this.recording = true;
    try {
      await work();
    } finally {
      this.recording = false;
    }
    return this.statements;
  }
}
