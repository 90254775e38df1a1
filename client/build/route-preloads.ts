import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/** What a page needs beyond `index.html`: its chunks (for `modulepreload`) and its stylesheets. */
export interface RoutePreload {
  modules: string[];
  styles: string[];
}

/**
 * Writes `dist/route-preloads.json`: for each path given (a page reached by typing or sharing
 * its address, such as `/agenda`), the page's lazy chunk, the chunks it imports and their
 * stylesheets, minus what `index.html` already loads. The server names them in the page it
 * sends for that path, so the browser fetches them alongside the entry script instead of after
 * it has run; the router's lazy import then finds them already there.
 */
export function routePreloads(pages: Record<string, string>): Plugin {
  return {
    name: 'atelier-route-preloads',
    apply: 'build',
    // After Vite has dropped the chunks that only carried CSS: they must not be named.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, OutputChunk>();
      for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item);
      /** The chunk and everything it imports statically (what the browser must have to run it). */
      const closure = (start: OutputChunk) => {
        const seen = new Set<string>();
        const visit = (chunk: OutputChunk) => {
          if (seen.has(chunk.fileName)) return;
          seen.add(chunk.fileName);
          for (const name of chunk.imports) {
            const imported = chunks.get(name);
            if (imported) visit(imported);
          }
        };
        visit(start);
        return seen;
      };
      const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
      if (!entry) return this.error('no entry chunk');
      const initial = closure(entry);
      const preloads: Record<string, RoutePreload> = {};
      for (const [path, module] of Object.entries(pages)) {
        const page = [...chunks.values()].find((chunk) => chunk.facadeModuleId?.endsWith(module));
        if (!page) return this.error(`no chunk for ${module}, the page of ${path}`);
        const files = [...closure(page)].filter((file) => !initial.has(file));
        const styles = files.flatMap((file) => [...(chunks.get(file)?.viteMetadata?.importedCss ?? [])]);
        preloads[path] = { modules: files.map((file) => `/${file}`), styles: styles.map((file) => `/${file}`) };
      }
      this.emitFile({
        type: 'asset',
        fileName: 'route-preloads.json',
        source: `${JSON.stringify(preloads, null, 2)}\n`,
      });
    },
  };
}
