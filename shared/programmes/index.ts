import { pingdingshanFiveStar } from './pingdingshan-five-star';
import { BUILTIN_VERSION, installedDefinition, installedProgrammes } from './registry';
import { type Programme, programmeSchema } from './schema';
import { weihai2025 } from './weihai-2025';
import { wuhanAward } from './wuhan-award';
import { yiyangCapacity2018 } from './yiyang-capacity-2018';
import { yiyangStation2023 } from './yiyang-station-2023';

export * from './schema';

export const programmeIds = [
  'yiyang-station-2023',
  'yiyang-capacity-2018',
  'wuhan-award',
  'pingdingshan-five-star',
  'weihai-2025',
] as const;
export type ProgrammeId = (typeof programmeIds)[number];

const definitions: Record<ProgrammeId, unknown> = {
  'yiyang-station-2023': yiyangStation2023,
  'yiyang-capacity-2018': yiyangCapacity2018,
  'wuhan-award': wuhanAward,
  'pingdingshan-five-star': pingdingshanFiveStar,
  'weihai-2025': weihai2025,
};

/**
 * Validates a definition; throws with every problem listed (a broken definition must stop the
 * program at start-up, never reach a user). The key must equal the definition's own id.
 */
export function loadProgramme(key: string, definition: unknown): Programme {
  const parsed = programmeSchema.safeParse(definition);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    throw new Error(`项目定义 ${key} 无效：\n${lines.join('\n')}`);
  }
  if (parsed.data.id !== key) throw new Error(`项目定义 ${key} 的编号不一致：${parsed.data.id}`);
  return parsed.data;
}

/** Every programme, validated at import time. */
export const programmes: Record<ProgrammeId, Programme> = Object.fromEntries(
  programmeIds.map((id) => [id, loadProgramme(id, definitions[id])]),
) as Record<ProgrammeId, Programme>;

export function isProgrammeId(id: string): id is ProgrammeId {
  return (programmeIds as readonly string[]).includes(id);
}

/**
 * The programme with this id, or undefined: a built-in one (version 'builtin'), else an installed one
 * (shared/programmes/registry.ts) — the version asked for, else the one pinned in this call, else the newest.
 */
export function getProgramme(id: string, version?: string): Programme | undefined {
  if (isProgrammeId(id)) return version === undefined || version === BUILTIN_VERSION ? programmes[id] : undefined;
  return version === BUILTIN_VERSION ? undefined : installedDefinition(id, version)?.programme;
}

/** Every programme this call knows: the built-in ones, then the newest version of each installed one. */
export function listProgrammes(): Programme[] {
  return [...programmeIds.map((id) => programmes[id]), ...installedProgrammes()];
}
