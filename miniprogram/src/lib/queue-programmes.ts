import type { ApplicationRow } from '@shared/api/applications';

/**
 * The programme filter's choices: every programme the app's registry knows (the built-in ones and the
 * installed definitions it has been served — issue 16 item 6), then any other programme a loaded row
 * names (an installed programme the app has not loaded yet: its title from the row). Never only the
 * built-in ones: a queue holding a runtime-installed programme must be filterable by it.
 */
export function queueProgrammeOptions(
  known: readonly { id: string; title: string; city: string }[],
  seen: readonly Pick<ApplicationRow, 'programmeId' | 'programmeTitle'>[],
): { id: string; label: string; title: string }[] {
  const out = known.map((p) => ({ id: p.id, label: `${p.city}·${p.title}`, title: p.title }));
  for (const r of seen) {
    if (!out.some((o) => o.id === r.programmeId)) out.push({ id: r.programmeId, label: r.programmeTitle, title: r.programmeTitle });
  }
  return out;
}
