import type { Plugin } from 'vite';

/**
 * One chunk for everything the entry imports statically. Rolldown's automatic chunking gives a
 * module shared by the entry and a lazy page a chunk of its own (Rollup would leave it in the
 * entry's, already loaded when any page is), so the first page arrived as a dozen small files:
 * on a phone's connection each costs a round trip, a handful at a time. This plugin records the
 * entry's static graph once the build has parsed it; `firstPageGroup` then captures exactly
 * those modules, and lazy pages import what they share with it from that one chunk.
 */
export function firstPageChunk() {
  const modules = new Set<string>();
  const plugin: Plugin = {
    name: 'atelier-first-page-chunk',
    apply: 'build',
    buildEnd() {
      modules.clear();
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      const visit = (id: string) => {
        if (modules.has(id)) return;
        modules.add(id);
        for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
      };
      for (const entry of entries) visit(entry);
    },
  };
  const group = { name: 'app', test: (id: string) => modules.has(id) };
  return { plugin, group };
}
