import { AsyncLocalStorage } from 'node:async_hooks';
import { programmeIds } from '../../shared/programmes';
import {
  addDefinition,
  createRegistry,
  definitionKey,
  type InstalledDefinition,
  type Registry,
  setRegistryProvider,
} from '../../shared/programmes/registry';
import { loadStoredDefinition } from '../../shared/rules/definitions';
import type { ProgrammeDefinitionDoc } from '../../shared/schemas/programme-definition';

/**
 * Installed programme definitions for one call (issue 16, item 6). The router runs every handler
 * inside `withDefinitions`: a registry of its own (AsyncLocalStorage, so concurrent calls in the local
 * host never see each other's pins) filled from the collection `programmeDefinitions`, so handlers keep
 * calling `getProgramme(id)` / `getForm(id)` synchronously. Parsing and checking a stored version is
 * done once per warm instance (cache keyed by programme id + version: a stored version never changes).
 */
const callRegistry = new AsyncLocalStorage<Registry>();
setRegistryProvider(() => callRegistry.getStore());

const parsed = new Map<string, InstalledDefinition | null>();

/** Where installed versions are read from: the store's `definitions` repository (one per warm instance). */
export interface InstalledSource {
  definitions: { all(): Promise<ProgrammeDefinitionDoc[]> };
}

/**
 * The list of installed versions is read at most every LIST_TTL_MS per warm instance (one store per
 * instance), not on every call: the hot paths (an expert logging a day) keep their request budget.
 * An install in this instance forgets it at once (`forgetInstalledList`); another instance learns of a
 * new version within LIST_TTL_MS. A stored version never changes, so its parsed form is kept for good.
 */
export const LIST_TTL_MS = 30_000;
const lists = new WeakMap<object, { at: number; docs: ProgrammeDefinitionDoc[] }>();

async function installedDocs(store: InstalledSource): Promise<ProgrammeDefinitionDoc[]> {
  const now = performance.now();
  const cached = lists.get(store.definitions);
  if (cached && now - cached.at < LIST_TTL_MS) return cached.docs;
  const docs = await store.definitions.all();
  lists.set(store.definitions, { at: now, docs });
  return docs;
}

/** After an install: the next call of this instance reads the list again. */
export function forgetInstalledList(store: InstalledSource): void {
  lists.delete(store.definitions);
}

export async function withDefinitions<T>(store: InstalledSource, log: { error(...a: unknown[]): void }, run: () => Promise<T>) {
  const registry = createRegistry();
  for (const doc of await installedDocs(store)) {
    const key = definitionKey(doc.programmeId, doc.version);
    if (!parsed.has(key)) parsed.set(key, loadStoredDefinition(doc.content, doc.version, programmeIds));
    const def = parsed.get(key);
    // a stored version that no longer checks (the language changed under it) is left out, loudly
    if (def) addDefinition(def, registry);
    else log.error(`[definitions] stored definition ${key} does not check; not loaded`);
  }
  return callRegistry.run(registry, run);
}
