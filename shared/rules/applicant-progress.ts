import type { FormDefinition } from '../forms/types';
import { inputFields } from '../forms/types';
import type { Programme } from '../programmes/schema';
import type { ApplicationStatus } from '../schemas/application';
import { roleLabels } from '../schemas/org';

/**
 * What an applicant reads about where the application stands and what it is called (issue 15,
 * finding 6): the whole path from the programme's definition — its review stages, the 公示 (where
 * the definition places it: after the stages before publicity, before those after it) and the
 * award (授牌 …) — and a title that tells two applications of one society apart.
 */
export interface ProgressStage {
  id: string;
  label: string;
  role: string;
  roleLabel: string;
  phase: 'beforePublicity' | 'afterPublicity';
  state: 'done' | 'current' | 'todo' | 'skipped';
  note: string;
}

/**
 * The review stages as the server reports them, with 公示 and the award added in the programme's
 * order; their state follows the application's status.
 */
export function applicantProgress(
  programme: Pick<Programme, 'award'> & { publicity?: { role: string; days: number; dayKind: 'working' | 'calendar' } | undefined },
  stages: readonly ProgressStage[],
  status: ApplicationStatus,
): ProgressStage[] {
  const before = stages.filter((s) => s.phase !== 'afterPublicity');
  const after = stages.filter((s) => s.phase === 'afterPublicity');
  const afterStarted = after.some((s) => s.state === 'done' || s.state === 'current');
  const publicityState: ProgressStage['state'] =
    status === 'publicity' ? 'current' : status === 'approved' || status === 'awarded' || afterStarted ? 'done' : 'todo';
  const awardState: ProgressStage['state'] = status === 'awarded' ? 'done' : status === 'approved' ? 'current' : 'todo';
  const publicity = programme.publicity;
  // a programme without publicity: the award follows the last stage
  const publicityStep: ProgressStage[] = publicity
    ? [
        {
          id: '__publicity',
          label: '公示',
          role: publicity.role,
          roleLabel: roleLabels[publicity.role as keyof typeof roleLabels] ?? '',
          phase: 'beforePublicity',
          state: publicityState,
          note: `${publicity.days} 个${publicity.dayKind === 'working' ? '工作日' : '自然日'}`,
        },
      ]
    : [];
  return [
    ...before,
    ...publicityStep,
    ...after,
    {
      id: '__award',
      label: programme.award.label,
      role: programme.award.role,
      roleLabel: roleLabels[programme.award.role as keyof typeof roleLabels] ?? '',
      phase: 'afterPublicity',
      state: awardState,
      note: '',
    },
  ];
}

/** Fields that name what is applied for (a project, a station), before any other text. */
const titleKeys = ['projectName', 'stationName', 'awardName'];

/**
 * The title of an application: the project's or station's name when the form has one (two capacity
 * projects of one society differ by their project), else the first text filled in.
 */
export function applicationTitle(form: FormDefinition, values: Readonly<Record<string, unknown>>): string {
  const fields = inputFields(form).map((p) => p.field);
  const named = titleKeys.map((k) => fields.find((f) => f.key === k)).filter((f) => f !== undefined);
  for (const field of [...named, ...fields]) {
    const v = values[field.key];
    if ((field.type === 'text' || field.type === 'textarea') && typeof v === 'string' && v.trim()) return v.trim().slice(0, 100);
  }
  return '';
}
