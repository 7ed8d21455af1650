import { type Facts, getProgramme, type Programme } from '../../../shared/programmes';
import type { EligibilityContext } from '../../../shared/rules/eligibility';

/** Epoch ms of a China wall-clock time (the process runs in UTC). */
export const chinaTime = (date: string, time = '12:00') => Date.parse(`${date}T${time}:00+08:00`);

export function programme(id: string): Programme {
  const p = getProgramme(id);
  if (!p) throw new Error(`no programme ${id}`);
  return p;
}

/** A host unit that meets every 第七条 condition, applying for a city-level station from an enterprise CAST. */
export const stationFacts = (over: Record<string, Facts[string]> = {}): Facts => ({
  level: 'city',
  hostUnitKind: 'enterprise_cast',
  societyLevel: 'city',
  hasOwnCast: true,
  isCitySociety: false,
  applyDirectToCity: false,
  hasDedicatedServiceBody: true,
  registeredInCity: true,
  independentLegalPerson: true,
  goodStanding: true,
  hasRdTeam: true,
  agreementSigned: true,
  agreementHasProjectsAndGoals: true,
  agreementTermYears: 2,
  stableFunding: true,
  hasRulesAndPlan: true,
  staffCount: 1,
  expertTeamSize: 5,
  hasFundedExpertWorkstation: false,
  ...over,
});

/** A Yiyang 2018 society meeting every condition of 六(一) and 六(二), with none of 六(三). */
export const yiyang2018Facts = (over: Record<string, Facts[string]> = {}): Facts => ({
  consecutiveInspectionYearsPassed: 2,
  managementSound: true,
  hasCapableSecretary: true,
  financeRulesAndStaff: true,
  lastCityCommendationDate: '2024-01-15',
  hasOwnBankAccount: true,
  hasCouncilPartyWorkingGroup: true,
  hasLawOrDisciplineViolation: false,
  criticisedOrPenalised: false,
  castTasksUndone: false,
  ...over,
});

export const wuhanFacts = (over: Record<string, Facts[string]> = {}): Facts => ({
  consecutiveInspectionYearsPassed: 2,
  summaryAndPlanOnTime: true,
  managementSound: true,
  hasSecretaryAndStaff: true,
  hasOwnBankAccount: true,
  councilApproved: true,
  hasLawOrDisciplineViolation: false,
  criticisedOrPenalised: false,
  castTasksUndone: false,
  ...over,
});

export const pingdingshanFacts = (over: Record<string, Facts[string]> = {}): Facts => ({
  isCitySociety: true,
  hasThreeYearPlan: true,
  ...over,
});

export const weihaiFacts = (over: Record<string, Facts[string]> = {}): Facts => ({
  hasPartyOrganisation: true,
  hasYearlyPartyPlan: true,
  minPartyActivitiesPerQuarter: 1,
  partyFacilities: true,
  governanceBodiesSound: true,
  termRenewalOverdue: false,
  hasFixedOffice: true,
  independentAccounting: true,
  activeOnNewMedia: true,
  servesInnovation: true,
  annualInspectionPassed: true,
  undertakesCastTasks: true,
  lastViolationDate: null,
  repeatedlyAbsent: false,
  ...over,
});

/** All-met facts by programme id. */
export const goodFacts: Record<string, (over?: Record<string, Facts[string]>) => Facts> = {
  'yiyang-station-2023': stationFacts,
  'yiyang-capacity-2018': yiyang2018Facts,
  'wuhan-award': wuhanFacts,
  'pingdingshan-five-star': pingdingshanFacts,
  'weihai-2025': weihaiFacts,
};

/** A context in which every count and record is known and nothing is exhausted. */
export const fullContext = (over: Partial<EligibilityContext> = {}): EligibilityContext => ({
  now: chinaTime('2025-06-01'),
  societyActiveStations: 0,
  approvedInRound: { total: 0, byLevel: { national: 0, provincial: 0, city: 0 } },
  roundQuotas: {
    'demonstration-quota': 3,
    'award-quota': 10,
    'class-a-quota': 5,
    'class-b-quota': 10,
    'promotion-quota': 5,
  },
  sanctions: [],
  ...over,
});

/** Splits a tag '[programmeId:ruleId]' into its parts. */
export function parseTag(tag: string): { programmeId: string; ruleId: string } {
  const m = /^\[([a-z0-9-]+):([a-z0-9.-]+)\]$/.exec(tag);
  if (!m) throw new Error(`bad tag ${tag}`);
  return { programmeId: m[1]!, ruleId: m[2]! };
}
