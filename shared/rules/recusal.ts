import type { Applicant } from '../schemas/application';
import type { Person, Role, RoleBinding, Station } from '../schemas/org';

/** What a binding of this role makes the person, in the reason staff read ("兼任申报学会秘书长"). */
const roleNouns: Record<Role, string> = {
  secretary: '秘书长',
  expert: '服务站专家',
  hostContact: '联系人',
  countyStaff: '工作人员',
  cityStaff: '工作人员',
  talentOffice: '工作人员',
  reviewer: '评审专家',
  provincialStaff: '工作人员',
  financeBureau: '工作人员',
};

/** The applicant's units a reviewer must not be tied to: its society, its host unit, their stations. */
export interface ApplicantUnits extends Pick<Applicant, 'societyId' | 'hostUnitId'> {
  /** stations of the applicant's society or host unit, and the application's own station */
  stations: readonly Pick<Station, 'id' | 'name' | 'societyId' | 'hostUnitId' | 'expertIds' | 'staffIds'>[];
}

/**
 * 回避: every tie of a reviewer to the applicant — by the person's own record, by ANY binding they hold
 * (a reviewer who is also the applying society's secretary is the normal dual role this catches), and by
 * membership of a team of the applicant's stations. Each reason names the tie, for the staff who assign.
 * Empty when they may review.
 */
export function conflictsOf(
  person: Pick<Person, 'id' | 'societyId' | 'hostUnitId'>,
  bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[],
  applicant: ApplicantUnits,
): string[] {
  const out: string[] = [];
  const society = applicant.societyId;
  const host = applicant.hostUnitId;
  const stations = new Map(applicant.stations.map((s) => [s.id, s]));
  if (society && person.societyId === society) out.push('评审专家属于申报学会');
  if (host && person.hostUnitId === host) out.push('评审专家属于申报（建站）单位');
  for (const b of bindings) {
    const noun = roleNouns[b.role];
    // a reviewer binding recommended by the applicant's own unit is a tie as well
    const as = (unit: string) => (b.role === 'reviewer' ? `评审专家身份由${unit}推荐` : `兼任${unit}${noun}`);
    if (society && b.scope.societyId === society) out.push(as('申报学会'));
    if (host && b.scope.hostUnitId === host) out.push(as('申报（建站）单位'));
    const st = b.scope.stationId ? stations.get(b.scope.stationId) : undefined;
    if (st) out.push(`兼任申报单位所属服务站（${st.name}）${noun}`);
  }
  for (const st of applicant.stations) {
    if (st.expertIds.includes(person.id)) out.push(`系申报单位所属服务站（${st.name}）专家团队成员`);
    if (st.staffIds.includes(person.id)) out.push(`系申报单位所属服务站（${st.name}）工作人员`);
  }
  return [...new Set(out)];
}

/** The reason in Chinese ("兼任申报学会秘书长，须回避"), or '' when they may review. */
export function recusalOf(
  person: Pick<Person, 'id' | 'societyId' | 'hostUnitId'>,
  bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[],
  applicant: ApplicantUnits,
): string {
  const reasons = conflictsOf(person, bindings, applicant);
  return reasons.length ? `${reasons.join('；')}，须回避` : '';
}
