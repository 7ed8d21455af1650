import type { ApplicationsApi, SanctionList, SanctionView } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { imposePenalty, type Sanction } from '../../../shared/rules/penalty';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import type { SanctionDoc } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import { requestKey } from '../../_kernel/store/idempotency';

/**
 * Penalty decisions (seeds: 弄虚作假 → 连续3年取消申报资格; 验收不合格 → 2年 …). City staff record them;
 * every later eligibility check of that society or host unit reads the bans still running.
 */
async function subjectOf(ctx: Uses<'store'>, type: 'society' | 'hostUnit', id: string) {
  const unit = type === 'society' ? await ctx.store.org.society(id) : await ctx.store.org.hostUnit(id);
  if (!unit)
    throw new AppError('INPUT.INVALID', undefined, {
      issues: [{ path: 'subject.id', message: type === 'society' ? '学会不存在' : '建站单位不存在' }],
    });
  return unit;
}

function viewOf(doc: SanctionDoc, subjectName: string): SanctionView {
  const programme = getProgramme(doc.programmeId);
  const outcome = programme ? imposePenalty(programme, doc.penaltyId, doc.imposedOn) : undefined;
  return {
    id: doc.id,
    subject: { type: doc.subjectType, id: doc.subjectId, name: subjectName },
    programmeId: doc.programmeId,
    programmeTitle: programme?.title ?? doc.programmeId,
    penaltyId: doc.penaltyId,
    penaltyLabel: outcome?.penalty.trigger ?? doc.penaltyId,
    imposedOn: doc.imposedOn,
    banLastDay: outcome?.banLastDay ?? null,
    consequences: outcome?.consequences ?? [],
    reason: doc.reason,
    imposedBy: doc.imposedBy,
  };
}

export async function imposeSanction(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<ApplicationsApi['imposeSanction']>,
): Promise<SanctionView> {
  const subject = await subjectOf(ctx, input.subject.type, input.subject.id);
  const staff = await requireOversight(ctx.store, ctx.caller, subject.castUnitId, ['cityStaff']);
  const programme = getProgramme(input.programmeId);
  if (!programme) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'programmeId', message: '项目不存在' }] });
  if (!imposePenalty(programme, input.penaltyId, input.imposedOn)) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'penaltyId', message: '该项目没有这种处理' }] });
  }
  if (input.imposedOn > chinaDateOf(ctx.clock.now())) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'imposedOn', message: '处理日期不能晚于今天' }] });
  }
  await requireSafeText(ctx, { reason: input.reason });
  const now = ctx.clock.now();
  const doc: SanctionDoc = {
    id: newId('sn', now),
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    programmeId: input.programmeId,
    penaltyId: input.penaltyId,
    imposedOn: input.imposedOn,
    reason: input.reason,
    imposedBy: staff.personId,
    at: now,
  };
  // a retried request answers with the decision recorded the first time
  const id = await ctx.store.applications.recordSanction(requestKey(ctx, input.requestId), doc);
  return viewOf((await ctx.store.applications.sanction(id)) ?? doc, subject.name);
}

export async function listSanctions(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<ApplicationsApi['listSanctions']>,
): Promise<SanctionList> {
  // county staff see their own units; the city and the talent office see all
  const seen = new Map<string, boolean>();
  const visible = async (castUnitId: string) => {
    if (!seen.has(castUnitId))
      seen.set(
        castUnitId,
        await requireOversight(ctx.store, ctx.caller, castUnitId).then(
          () => true,
          () => false,
        ),
      );
    return seen.get(castUnitId)!;
  };
  const docs = input.subjectId ? await ctx.store.applications.sanctionsOf(input.subjectId) : await ctx.store.applications.allSanctions();
  const sanctions: SanctionView[] = [];
  for (const d of docs) {
    const unit = await subjectOf(ctx, d.subjectType, d.subjectId).catch(() => null);
    if (unit && (await visible(unit.castUnitId))) sanctions.push(viewOf(d, unit.name));
  }
  const subjects: SanctionList['subjects'] = [];
  for (const x of await ctx.store.org.societies())
    if (await visible(x.castUnitId)) subjects.push({ type: 'society', id: x.id, name: x.name });
  for (const x of await ctx.store.org.hostUnits())
    if (await visible(x.castUnitId)) subjects.push({ type: 'hostUnit', id: x.id, name: x.name });
  return { sanctions, subjects };
}

/** The sanctions eligibility reads for an applicant: its society's and its host unit's. */
export async function sanctionsFor(
  ctx: Uses<'store'>,
  applicant: { societyId: string | null; hostUnitId: string | null },
): Promise<Sanction[]> {
  const docs = [
    ...(applicant.societyId ? await ctx.store.applications.sanctionsOf(applicant.societyId) : []),
    ...(applicant.hostUnitId ? await ctx.store.applications.sanctionsOf(applicant.hostUnitId) : []),
  ];
  return docs.map((d) => ({ penaltyId: d.penaltyId, imposedOn: d.imposedOn, programmeId: d.programmeId }));
}
