import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme, type Programme } from '../../../shared/programmes';
import { asIssued, issuedRoles } from '../../../shared/rules/oversight';
import type { MoneyFacts } from '../../../shared/rules/post-award/money';
import type { AwardDoc, SubjectRef } from '../../../shared/schemas/awards';
import type { ChinaDate } from '../../../shared/schemas/common';
import type { Role, Station } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { requireOversight, staffRoles } from '../../_kernel/scope';

/**
 * Who stands where to the money of an award or a station, and the facts its money view is computed
 * from. Identity only from the caller's bindings: the applicant side is the awarded society's
 * secretary (or the host unit's contact for host-unit applicants; for a station its host contact and
 * its society's secretary); staff by the oversight model of the subject's CAST unit — writers are the
 * county and city CAST, the finance bureau, talent office and provincial staff read.
 */
export const moneyWriterRoles = ['countyStaff', 'cityStaff'] as const satisfies readonly Role[];
/** The writers of a subject's money as they resolve for its programme (a district programme: the issuing county only). */
export const moneyWritersOf = (s: Pick<MoneySubject, 'programme'>): Role[] => issuedRoles(s.programme, moneyWriterRoles);

export interface MoneySubject {
  ref: SubjectRef;
  programme: Programme;
  kindId: string;
  castUnitId: string;
  title: string;
  unitName: string;
  award: AwardDoc | null;
  station: Station | null;
}

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

function programmeOf(id: string, version?: number): Programme {
  const p = (version !== undefined ? getProgramme(id, String(version)) : undefined) ?? getProgramme(id);
  if (!p) throw new AppError('NOT_FOUND', `未找到项目定义 ${id}`);
  return asIssued(p);
}

/** The award or station and its programme; NOT_FOUND when it does not exist. */
export async function loadSubject(ctx: Uses<'store'>, ref: SubjectRef): Promise<MoneySubject> {
  if (ref.type === 'award') {
    const award = await ctx.store.ledger.award(ref.id);
    if (!award) throw new AppError('NOT_FOUND', '找不到该项目');
    const programme = programmeOf(award.programmeId, award.programmeVersion);
    const unit = award.applicant.societyId
      ? await ctx.store.org.society(award.applicant.societyId)
      : award.applicant.hostUnitId
        ? await ctx.store.org.hostUnit(award.applicant.hostUnitId)
        : null;
    return {
      ref,
      programme,
      kindId: award.kindId,
      castUnitId: award.castUnitId,
      title: award.title,
      unitName: unit?.name ?? '',
      award,
      station: null,
    };
  }
  const station = await ctx.store.org.station(ref.id);
  if (!station) throw new AppError('NOT_FOUND', '找不到该服务站');
  const programme = programmeOf(station.programmeId);
  const kind = programme.kinds.find((k) => k.funding.type === 'byLevel') ?? programme.kinds[0];
  if (!kind) throw new AppError('NOT_FOUND', `项目 ${programme.id} 没有申报类别`);
  const host = await ctx.store.org.hostUnit(station.hostUnitId);
  return {
    ref,
    programme,
    kindId: kind.id,
    castUnitId: station.castUnitId,
    title: station.name,
    unitName: host?.name ?? '',
    award: null,
    station,
  };
}

/** Does the caller act for the awarded unit (its own award / station)? */
export async function isApplicantSide(ctx: Uses<'store' | 'caller'>, s: MoneySubject): Promise<boolean> {
  for (const b of ctx.caller.bindings) {
    if (s.award) {
      const a = s.award.applicant;
      if (b.role === 'secretary' && a.societyId && b.scope.societyId === a.societyId) return true;
      if (b.role === 'hostContact' && a.hostUnitId) {
        if (b.scope.hostUnitId === a.hostUnitId) return true;
        if (b.scope.stationId && (await ctx.store.org.station(b.scope.stationId))?.hostUnitId === a.hostUnitId) return true;
      }
    } else if (s.station) {
      if (b.role === 'secretary' && b.scope.societyId === s.station.societyId) return true;
      if (b.role === 'hostContact' && (b.scope.stationId === s.station.id || b.scope.hostUnitId === s.station.hostUnitId)) return true;
    }
  }
  return false;
}

/** Does a staff binding of the caller (in `roles`) oversee the subject's CAST unit? */
export async function oversees(
  ctx: Uses<'store' | 'caller'>,
  s: Pick<MoneySubject, 'castUnitId'>,
  roles: readonly Role[],
): Promise<boolean> {
  if (!ctx.caller.bindings.some((b) => roles.includes(b.role))) return false;
  try {
    await requireOversight(ctx.store, ctx.caller, s.castUnitId, roles);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'AUTH.FORBIDDEN') return false;
    throw e;
  }
}

/** The caller's side, or AUTH.FORBIDDEN: staff (any overseeing staff role) read, the applicant side reads its own. */
export async function requireReader(ctx: Uses<'store' | 'caller'>, s: MoneySubject): Promise<'applicant' | 'staff'> {
  if (await oversees(ctx, s, staffRoles)) return 'staff';
  if (await isApplicantSide(ctx, s)) return 'applicant';
  throw new AppError('AUTH.FORBIDDEN');
}

/** Staff who record money (county / city CAST overseeing the subject), or AUTH.FORBIDDEN. */
export async function requireWriter(ctx: Uses<'store' | 'caller'>, s: MoneySubject): Promise<string> {
  if (!(await oversees(ctx, s, moneyWritersOf(s))) || !ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

/** The applicant side, or AUTH.FORBIDDEN. */
export async function requireApplicantSide(ctx: Uses<'store' | 'caller'>, s: MoneySubject): Promise<string> {
  if (!(await isApplicantSide(ctx, s)) || !ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

/** The stored facts of the subject's money view. */
export async function moneyFacts(ctx: Uses<'store' | 'clock'>, s: MoneySubject): Promise<MoneyFacts> {
  const [ledger, consequences, checks, assessments] = await Promise.all([
    ctx.store.ledger.ofSubject(s.ref),
    ctx.store.ledger.consequencesOf(s.ref),
    s.award ? ctx.store.ledger.checksOfAward(s.award.id) : Promise.resolve([]),
    s.station ? ctx.store.ledger.assessmentsOfStation(s.station.id) : Promise.resolve([]),
  ]);
  return {
    programme: s.programme,
    subject: s.ref,
    kindId: s.kindId,
    award: s.award,
    station: s.station ? { id: s.station.id, level: s.station.level, termYears: s.station.termYears } : null,
    checks,
    assessments,
    ledger,
    consequences,
    today: todayOf(ctx),
  };
}
