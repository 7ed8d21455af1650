import type { FormDefinition } from '../forms/types';
import type { Programme } from './schema';

/**
 * Programmes installed at run time (issue 16, item 6): definitions city staff installed from a file,
 * stored and versioned in the database, beside the five compiled in (version `builtin`).
 *
 * `getProgramme(id, version?)` and `getForm(id)` stay synchronous: whoever runs the code fills a
 * registry before it runs — on the server the action router, once per call, from the collection
 * `programmeDefinitions` (cloudfunctions/_kernel/definitions.ts); in the app the page that shows an
 * installed programme, from the definition the server serves it. A registry also holds the call's
 * pins: the version a round opened with, so everything about that round's applications reads the
 * same version even after a newer one is installed.
 */
export const BUILTIN_VERSION = 'builtin';

/** One installed version of one programme: the programme and its forms, all plain data. */
export interface InstalledDefinition {
  readonly programme: Programme;
  readonly forms: readonly FormDefinition[];
  /** 'v1', 'v2' … in install order */
  readonly version: string;
}

export interface Registry {
  /** `${programmeId}@${version}` → definition */
  readonly definitions: Map<string, InstalledDefinition>;
  /** programme id → its newest installed version */
  readonly latest: Map<string, string>;
  /** programme id → the version this call works with (a round's pinned version) */
  readonly pins: Map<string, string>;
}

export const createRegistry = (): Registry => ({ definitions: new Map(), latest: new Map(), pins: new Map() });

export const definitionKey = (programmeId: string, version: string) => `${programmeId}@${version}`;

/** The order of versions: v2 after v1, v10 after v9. */
export const versionNumber = (version: string): number => {
  const m = /^v(\d+)$/.exec(version);
  return m ? Number(m[1]) : 0;
};

/** The app's one registry (a page fills it from what the server served); the server replaces it per call. */
const appRegistry = createRegistry();
let provider: () => Registry | undefined = () => undefined;

/** The server's router installs its per-call registry through this (AsyncLocalStorage there). */
export function setRegistryProvider(fn: () => Registry | undefined): void {
  provider = fn;
}

export const activeRegistry = (): Registry => provider() ?? appRegistry;

/** Adds a definition; the newest version of a programme becomes its default. */
export function addDefinition(def: InstalledDefinition, registry: Registry = activeRegistry()): void {
  const id = def.programme.id;
  registry.definitions.set(definitionKey(id, def.version), def);
  const cur = registry.latest.get(id);
  if (cur === undefined || versionNumber(def.version) > versionNumber(cur)) registry.latest.set(id, def.version);
}

/** From now on in this call (or on this page) `getProgramme(id)` means this version. */
export function pinProgramme(programmeId: string, version: string | undefined, registry: Registry = activeRegistry()): void {
  if (version === undefined || version === BUILTIN_VERSION) return;
  registry.pins.set(programmeId, version);
}

/** The installed definition: the version asked for, else the pinned one, else the newest. */
export function installedDefinition(programmeId: string, version?: string): InstalledDefinition | undefined {
  const r = activeRegistry();
  const v = version ?? r.pins.get(programmeId) ?? r.latest.get(programmeId);
  return v === undefined ? undefined : r.definitions.get(definitionKey(programmeId, v));
}

/** The newest version of every installed programme. */
export function installedProgrammes(): Programme[] {
  const r = activeRegistry();
  return [...r.latest.entries()].flatMap(([id, v]) => {
    const d = r.definitions.get(definitionKey(id, v));
    return d ? [d.programme] : [];
  });
}

/** An installed programme's form (`${programmeId}/${kindId}`), of the pinned or newest version. */
export function installedForm(formId: string): FormDefinition | undefined {
  const programmeId = formId.split('/')[0] ?? '';
  return installedDefinition(programmeId)?.forms.find((f) => f.id === formId);
}

/** The version `getProgramme(id)` reads now: the pinned or newest installed one, else 'builtin'. */
export function pinnedVersionOf(programmeId: string): string {
  return installedDefinition(programmeId)?.version ?? BUILTIN_VERSION;
}
