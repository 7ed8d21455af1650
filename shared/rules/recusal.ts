import type { Applicant } from '../schemas/application';
import type { Person, RoleBinding } from '../schemas/org';

/**
 * 回避: a reviewer from the applicant's society or host unit may not review its application — by the
 * person's own record or by any binding they hold. The reason in Chinese, or '' when they may review.
 */
export function recusalOf(
  person: Pick<Person, 'societyId' | 'hostUnitId'>,
  bindings: readonly Pick<RoleBinding, 'scope'>[],
  applicant: Pick<Applicant, 'societyId' | 'hostUnitId'>,
): string {
  const societies = new Set([person.societyId, ...bindings.map((b) => b.scope.societyId)].filter((x): x is string => !!x));
  const hosts = new Set([person.hostUnitId, ...bindings.map((b) => b.scope.hostUnitId)].filter((x): x is string => !!x));
  if (applicant.societyId && societies.has(applicant.societyId)) return '评审专家属于申报学会，须回避';
  if (applicant.hostUnitId && hosts.has(applicant.hostUnitId)) return '评审专家属于申报（建站）单位，须回避';
  return '';
}
