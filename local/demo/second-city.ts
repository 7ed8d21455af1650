import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { chinaDateOf, yearOf } from '../../shared/calendar';
import { roundOfCity } from '../../shared/rules/offer';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../shared/schemas/org';
import { demoRound } from './applications';
import { localOpenidOf } from './org';

/**
 * A second, small city in the local demo (issue 13, item 5: one environment serves several cities),
 * the same shapes as the first: 岳阳市科协 with one county (平江县科协), one society, one host unit, one
 * city-level station of yiyang-station-2023 with three experts, a secretary, city and county staff, a
 * reviewer and a host contact; the city enables yiyang-station-2023 and has its own open round of it.
 * Above both cities, 湖南省科协 with a provincial reader (省科协工作人员, reads both cities, writes
 * nothing). Nothing of the first city changes except that its city unit now has the province as parent.
 * Registered in local/seeders.ts after the first city's seeders; test/hardening/city-isolation.test.ts
 * reads these ids.
 */
export const PROVINCE = 'cast-hunan';
export const CITY_B = 'cast-yueyang';
export const COUNTY_B = 'cast-pingjiang';

export const secondCityUnits: CastUnit[] = [
  { id: PROVINCE, name: '湖南省科协', kind: 'province', parentId: null },
  { id: CITY_B, name: '岳阳市科协', kind: 'city', parentId: PROVINCE, programmeIds: ['yiyang-station-2023'] },
  { id: COUNTY_B, name: '平江县科协', kind: 'county', parentId: CITY_B },
];
export const secondCitySocieties: Society[] = [{ id: 'soc-yy-agri', name: '岳阳市农学会', level: 'city', castUnitId: COUNTY_B }];
export const secondCityHostUnits: HostUnit[] = [
  {
    id: 'hu-pingjiang',
    name: '平江县科学技术协会',
    kind: 'city_county_cast',
    castUnitId: COUNTY_B,
    address: '岳阳市平江县汉昌镇天岳大道 9 号',
    location: { lat: 28.7014, lng: 113.5813, radiusM: 1000 },
    hasFundedExpertWorkstation: false,
  },
];

const p = (id: string, name: string, title: string, extra: Partial<Person> = {}): Person => ({
  id,
  name,
  title,
  societyId: null,
  hostUnitId: null,
  ...extra,
});
export const secondCityPersons: Person[] = [
  p('p-province-staff', '谭志远', '湖南省科协学会学术部', { castUnitId: PROVINCE }),
  p('p-yy-city-staff', '易红', '岳阳市科协学会部', { castUnitId: CITY_B }),
  p('p-yy-county-staff', '钟平', '平江县科协', { castUnitId: COUNTY_B }),
  p('p-yy-sec', '潘玉', '岳阳市农学会秘书长', { societyId: 'soc-yy-agri' }),
  p('p-yy-host', '戴强', '平江县科协办公室', { hostUnitId: 'hu-pingjiang' }),
  p('p-yy-reviewer', '邹明', '湖南理工学院教授', { castUnitId: CITY_B }),
  ...['柳青', '贺新', '程岚'].map((n, i) => p(`p-yy-exp-${i + 1}`, n, '岳阳市农学会专家', { societyId: 'soc-yy-agri' })),
];

export const secondCityStations: Station[] = [
  {
    id: 'st-yy-agri-pingjiang',
    name: '岳阳市农学会平江服务站',
    programmeId: 'yiyang-station-2023',
    level: 'city',
    societyId: 'soc-yy-agri',
    hostUnitId: 'hu-pingjiang',
    castUnitId: COUNTY_B,
    industryField: '现代农业',
    plaqueDate: '2026-03-18',
    termYears: 2,
    agreementItems: ['油茶低产林改造技术示范 300 亩', '培训基层农技人员 100 人次'],
    expertIds: [1, 2, 3].map((i) => `p-yy-exp-${i}`),
    staffIds: ['p-yy-host'],
    status: 'active',
    applicationId: null,
  },
];

type B = Pick<RoleBinding, 'personId' | 'role'> & { scope: Partial<RoleBinding['scope']> };
const specs: B[] = [
  { personId: 'p-province-staff', role: 'provincialStaff', scope: { castUnitId: PROVINCE } },
  { personId: 'p-yy-city-staff', role: 'cityStaff', scope: { castUnitId: CITY_B } },
  { personId: 'p-yy-county-staff', role: 'countyStaff', scope: { castUnitId: COUNTY_B } },
  { personId: 'p-yy-sec', role: 'secretary', scope: { societyId: 'soc-yy-agri' } },
  { personId: 'p-yy-host', role: 'hostContact', scope: { stationId: 'st-yy-agri-pingjiang' } },
  { personId: 'p-yy-reviewer', role: 'reviewer', scope: { castUnitId: CITY_B } },
  ...[1, 2, 3].map((i): B => ({ personId: `p-yy-exp-${i}`, role: 'expert', scope: { stationId: 'st-yy-agri-pingjiang' } })),
];
export const secondCityBindings: RoleBinding[] = specs.map((b, i) => ({
  id: `bd-yy-${String(i + 1).padStart(2, '0')}`,
  openid: localOpenidOf(b.personId),
  personId: b.personId,
  role: b.role,
  scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...b.scope },
  createdAt: Date.UTC(2026, 2, 1),
  createdBy: 'p-yy-city-staff',
  revokedAt: null,
  revokedBy: null,
}));

/** Seeds the province and the second city (idempotent puts, like the first city's). */
export const seedSecondCity = async (deps: Deps): Promise<void> => {
  const { org } = deps.store;
  for (const u of secondCityUnits) await org.putCastUnit(u);
  // the first city joins the province (its parent); nothing else of it changes
  for (const u of await org.castUnits()) if (u.kind === 'city' && u.parentId === null) await org.putCastUnit({ ...u, parentId: PROVINCE });
  for (const x of secondCitySocieties) await org.putSociety(x);
  for (const x of secondCityHostUnits) await org.putHostUnit(x);
  for (const x of secondCityPersons) await org.putPerson(x);
  for (const x of secondCityStations) await org.putStation(x);
  for (const b of secondCityBindings) await deps.store.identity.seedBinding(b);
  // the city's own round of the programme it enables, beside the first city's
  const now = deps.clock.now();
  const { id } = roundOfCity(
    'yiyang-station-2023',
    yearOf(chinaDateOf(now)),
    CITY_B,
    await deps.store.applications.rounds('yiyang-station-2023'),
  );
  await deps.store.applications.putRound({
    ...demoRound('yiyang-station-2023', now, CITY_B, id),
    title: `${yearOf(chinaDateOf(now))}年度岳阳市申报（演示批次）`,
  });
};
