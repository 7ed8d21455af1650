import type { BindingScope, Person, Role, Station } from '../schemas/org';
import { currentExpertIds } from './org';

/**
 * Bulk invites for imported people (issue 13, item 3): one code per named person, tied to that person,
 * for the role the register already gives them. Today that is the expert of a station whose team they
 * are on now (the import's 专家团队 sheet); a person on no current team is skipped with the reason, and
 * staff invite them one by one from the people page (where they choose role and unit). A person who
 * already holds an active binding is skipped too (they are in the app; a second code would only be
 * refused at redemption unless it is theirs).
 */
export type BulkInvitePlan =
  | { personId: string; role: Role; scope: BindingScope; skip: null }
  | { personId: string; role: null; scope: null; skip: string };

const NONE: BindingScope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };

export function bulkInvitePlan(
  person: Pick<Person, 'id'>,
  stations: readonly Pick<Station, 'id' | 'name' | 'team' | 'expertIds' | 'plaqueDate' | 'deactivatedAt'>[],
  activeBindings: readonly { personId: string }[],
): BulkInvitePlan {
  if (activeBindings.some((b) => b.personId === person.id)) return { personId: person.id, role: null, scope: null, skip: '已绑定身份' };
  const onTeam = stations
    .filter((s) => !s.deactivatedAt)
    .filter((s) =>
      currentExpertIds(s.team ?? s.expertIds.map((personId) => ({ personId, from: s.plaqueDate, to: null }))).includes(person.id),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const station = onTeam[0];
  if (!station) return { personId: person.id, role: null, scope: null, skip: '不在任何服务站专家团队中，请在上方单独邀请' };
  return { personId: person.id, role: 'expert', scope: { ...NONE, stationId: station.id }, skip: null };
}
