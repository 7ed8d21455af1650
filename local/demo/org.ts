import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { templatesFor } from '../../shared/notify/templates';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../shared/schemas/org';
import { subscriptionQuotaId } from '../../shared/schemas/subscriptions';

/**
 * The local demo: a city CAST, two counties, three societies, a provincial and a city-level station
 * with a 5-expert team each, and a demo person for every role. Seeded once, on first start.
 */
export const demoCastUnits: CastUnit[] = [
  // the city enables the two Yiyang programmes (org.setProgrammeEnabled): only these are offered and opened here
  { id: 'cast-yiyang', name: '益阳市科协', kind: 'city', parentId: null, programmeIds: ['yiyang-station-2023', 'yiyang-capacity-2018'] },
  { id: 'cast-heshan', name: '赫山区科协', kind: 'county', parentId: 'cast-yiyang' },
  { id: 'cast-taojiang', name: '桃江县科协', kind: 'county', parentId: 'cast-yiyang' },
];
export const demoSocieties: Society[] = [
  { id: 'soc-agri', name: '益阳市农学会', level: 'city', castUnitId: 'cast-heshan' },
  { id: 'soc-tea', name: '湖南省茶叶学会', level: 'provincial', castUnitId: 'cast-taojiang' },
  { id: 'soc-mech', name: '益阳市机械工程学会', level: 'city', castUnitId: 'cast-yiyang' },
];
export const demoHostUnits: HostUnit[] = [
  {
    id: 'hu-heshan',
    name: '赫山区科学技术协会',
    kind: 'city_county_cast',
    castUnitId: 'cast-heshan',
    address: '益阳市赫山区龙岭大道 1 号',
    location: { lat: 28.5687, lng: 112.3737, radiusM: 1000 },
    hasFundedExpertWorkstation: false,
  },
  {
    id: 'hu-taojiang-tea',
    name: '桃江县茶业有限公司科协',
    kind: 'enterprise_cast',
    castUnitId: 'cast-taojiang',
    address: '益阳市桃江县桃花江镇茶园路 8 号',
    location: { lat: 28.5203, lng: 112.1557, radiusM: 1000 },
    hasFundedExpertWorkstation: false,
  },
  {
    id: 'hu-yuanjiang-machine',
    name: '沅江市船舶制造企业科协',
    kind: 'enterprise_cast',
    castUnitId: 'cast-heshan',
    address: '益阳市沅江市琼湖街道船舶产业园',
    location: null,
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
export const demoPersons: Person[] = [
  p('p-city-staff', '周敏', '市科协学会部'),
  p('p-talent', '郭立', '市委人才办'),
  p('p-heshan-staff', '罗晓', '赫山区科协'),
  p('p-taojiang-staff', '汤建', '桃江县科协'),
  p('p-sec-agri', '刘芳', '益阳市农学会秘书长', { societyId: 'soc-agri' }),
  p('p-sec-tea', '胡静', '湖南省茶叶学会秘书长', { societyId: 'soc-tea' }),
  p('p-sec-mech', '彭涛', '益阳市机械工程学会秘书长', { societyId: 'soc-mech' }),
  p('p-host-heshan', '曹丽', '赫山区科协办公室', { hostUnitId: 'hu-heshan' }),
  p('p-host-tea', '夏军', '桃江县茶业有限公司', { hostUnitId: 'hu-taojiang-tea' }),
  p('p-reviewer-1', '严冬', '湖南城市学院教授'),
  p('p-reviewer-2', '龚宁', '益阳市农科所研究员', { societyId: 'soc-agri' }),
  ...['王建国', '李秀英', '张伟', '陈静', '杨帆'].map((n, i) => p(`p-exp-agri-${i + 1}`, n, '农学会专家', { societyId: 'soc-agri' })),
  ...['赵磊', '黄丽', '周强', '吴敏', '徐峰'].map((n, i) => p(`p-exp-tea-${i + 1}`, n, '茶叶学会专家', { societyId: 'soc-tea' })),
  p('p-newcomer', '孙悦', '新加入的专家（未绑定）', { societyId: 'soc-mech' }),
  // 市财政局 (issue 14): reads the city's projects, gives its opinion on checks (实施方案五.6: 市科协会同市财政局验收)
  p('p-finance', '钱雯', '益阳市财政局科教文科'),
];

export const demoStations: Station[] = [
  {
    id: 'st-agri-heshan',
    name: '益阳市农学会赫山服务站',
    programmeId: 'yiyang-station-2023',
    level: 'city',
    societyId: 'soc-agri',
    hostUnitId: 'hu-heshan',
    castUnitId: 'cast-heshan',
    industryField: '现代农业',
    plaqueDate: '2025-12-26',
    termYears: 2,
    agreementItems: ['水稻绿色高产技术示范 500 亩', '培训基层农技人员 200 人次', '共建农业科技成果转化基地 1 个'],
    expertIds: [1, 2, 3, 4, 5].map((i) => `p-exp-agri-${i}`),
    staffIds: ['p-host-heshan'],
    status: 'active',
    applicationId: null,
  },
  {
    id: 'st-tea-taojiang',
    name: '湖南省茶叶学会桃江服务站',
    programmeId: 'yiyang-station-2023',
    level: 'provincial',
    societyId: 'soc-tea',
    hostUnitId: 'hu-taojiang-tea',
    castUnitId: 'cast-taojiang',
    industryField: '生态绿色食品',
    plaqueDate: '2025-10-15',
    termYears: 2,
    agreementItems: ['黑茶加工工艺改进', '茶园病虫害绿色防控技术推广', '茶叶品牌建设咨询'],
    expertIds: [1, 2, 3, 4, 5].map((i) => `p-exp-tea-${i}`),
    staffIds: ['p-host-tea'],
    status: 'active',
    applicationId: null,
  },
];

type B = Pick<RoleBinding, 'personId' | 'role'> & { scope: Partial<RoleBinding['scope']> };
const demoBindingSpecs: B[] = [
  { personId: 'p-city-staff', role: 'cityStaff', scope: { castUnitId: 'cast-yiyang' } },
  { personId: 'p-talent', role: 'talentOffice', scope: { castUnitId: 'cast-yiyang' } },
  { personId: 'p-heshan-staff', role: 'countyStaff', scope: { castUnitId: 'cast-heshan' } },
  { personId: 'p-taojiang-staff', role: 'countyStaff', scope: { castUnitId: 'cast-taojiang' } },
  { personId: 'p-sec-agri', role: 'secretary', scope: { societyId: 'soc-agri' } },
  { personId: 'p-sec-tea', role: 'secretary', scope: { societyId: 'soc-tea' } },
  { personId: 'p-sec-mech', role: 'secretary', scope: { societyId: 'soc-mech' } },
  { personId: 'p-host-heshan', role: 'hostContact', scope: { stationId: 'st-agri-heshan' } },
  { personId: 'p-host-tea', role: 'hostContact', scope: { stationId: 'st-tea-taojiang' } },
  // reviewers serve a city (issue 13, item 5): the city they were invited for
  { personId: 'p-reviewer-1', role: 'reviewer', scope: { castUnitId: 'cast-yiyang' } },
  { personId: 'p-reviewer-2', role: 'reviewer', scope: { castUnitId: 'cast-yiyang' } },
  ...[1, 2, 3, 4, 5].map((i): B => ({ personId: `p-exp-agri-${i}`, role: 'expert', scope: { stationId: 'st-agri-heshan' } })),
  ...[1, 2, 3, 4, 5].map((i): B => ({ personId: `p-exp-tea-${i}`, role: 'expert', scope: { stationId: 'st-tea-taojiang' } })),
  { personId: 'p-finance', role: 'financeBureau', scope: { castUnitId: 'cast-yiyang' } },
];

/** Local sign-in identity of a demo person. Exists only in the local host. */
export const localOpenidOf = (personId: string) => `local-${personId}`;

export const demoBindings: RoleBinding[] = demoBindingSpecs.map((b, i) => ({
  id: `bd-demo-${String(i + 1).padStart(2, '0')}`,
  openid: localOpenidOf(b.personId),
  personId: b.personId,
  role: b.role,
  scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...b.scope },
  createdAt: Date.UTC(2025, 8, 1),
  createdBy: 'p-city-staff',
  revokedAt: null,
  revokedBy: null,
}));

/** Hooks capabilities register to seed their own demo data (records, rounds …) after the base. */
export type DemoSeeder = (deps: Deps) => Promise<void>;

/** The request key that marks the demo as seeded. */
const SEEDED = 'seed:demo';

export async function seedDemo(deps: Deps, extra: DemoSeeder[] = []): Promise<boolean> {
  // Every write below is an idempotent put; the marker is written last, so a start that crashed
  // mid-seed simply seeds again.
  if (await deps.store.replay<boolean>(SEEDED)) return false;
  for (const x of demoCastUnits) await deps.store.org.putCastUnit(x);
  for (const x of demoSocieties) await deps.store.org.putSociety(x);
  for (const x of demoHostUnits) await deps.store.org.putHostUnit(x);
  for (const x of demoPersons) await deps.store.org.putPerson(x);
  for (const x of demoStations) await deps.store.org.putStation(x);
  for (const b of demoBindings) await deps.store.identity.seedBinding(b);
  // the demo people have accepted each reminder they receive once a quarter for a year (as tapping
  // 「登记」 and 「提交」 would have recorded), so the demo's reminders are delivered
  for (const b of demoBindings)
    for (const t of templatesFor([b.role]).filter((x) => x.sentNow))
      await deps.store.subscriptions.seed({
        id: subscriptionQuotaId(b.openid, t.key),
        openid: b.openid,
        personId: b.personId,
        templateKey: t.key,
        accepted: 4,
        spent: 0,
        updatedAt: b.createdAt,
      });
  for (const s of extra) await s(deps);
  await deps.store.once(SEEDED, deps.clock.now(), async () => true);
  return true;
}
