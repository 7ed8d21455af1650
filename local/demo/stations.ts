import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { addDays, type ChinaDate, chinaDateOf, isWorkingDay, libraryCalendar } from '../../shared/calendar';
import type { Station } from '../../shared/schemas/org';
import { type StationRecord, stationRecordSchema } from '../../shared/schemas/records';

/**
 * Local demo only (registered in local/seeders.ts, never imported by a cloud function):
 * a realistic mix of station records over the past months for the two demo stations, so the app and
 * the dashboard are not empty. Written through the stations repository, so the day locks, tallies and
 * audit events are exactly what real use would have produced. Deterministic (a seeded generator), and
 * relative to the clock's today; the last three days are left free so a demo expert can log today.
 */

/** Small deterministic generator (mulberry32) so every demo start looks the same. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  station: Station;
  hostId: string;
  secretaryId: string;
  /** per expert: probability of serving on a working day (some experts lag behind) */
  diligence: number[];
  trainings: Array<{ daysAgo: number; topic: string; place: string; trainees: number }>;
  research: Array<{ daysAgo: number; title: string; result?: string; resultDaysAgo?: number }>;
  tackling: Array<{ daysAgo: number; title: string; partners: string }>;
  problems: Array<{ daysAgo: number; enterprise: string; problem: string; outcome: string }>;
  achievements: Array<{ daysAgo: number; title: string; recipient: string; method: string }>;
  agreement: Array<{ daysAgo: number; percent: number }>;
}

export async function seedStationRecords(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const today = chinaDateOf(now);
  const agri = await deps.store.org.station('st-agri-heshan');
  const tea = await deps.store.org.station('st-tea-taojiang');
  const plans: Plan[] = [];
  if (agri)
    plans.push({
      station: agri,
      hostId: 'p-host-heshan',
      secretaryId: 'p-sec-agri',
      diligence: [0.22, 0.45, 0.5, 0.35, 0.15],
      trainings: [
        { daysAgo: 120, topic: '水稻绿色高产栽培技术培训', place: '赫山区农业农村局会议室', trainees: 86 },
        { daysAgo: 60, topic: '稻虾综合种养技术培训', place: '泥江口镇农技站', trainees: 45 },
        { daysAgo: 20, topic: '农机安全操作培训', place: '龙光桥街道', trainees: 38 },
      ],
      research: [
        { daysAgo: 150, title: '赫山区稻虾共作产业现状调研', result: '形成《赫山区稻虾共作产业发展调研报告》', resultDaysAgo: 100 },
        { daysAgo: 40, title: '早稻集中育秧服务需求调研' },
      ],
      tackling: [{ daysAgo: 90, title: '稻瘟病绿色防控技术攻关', partners: '益阳市农业科学研究所' }],
      problems: [
        {
          daysAgo: 70,
          enterprise: '赫山区粮丰米业有限公司',
          problem: '烘干稻谷爆腰率偏高',
          outcome: '调整烘干温度曲线后爆腰率由 9% 降至 3%',
        },
      ],
      achievements: [],
      agreement: [
        { daysAgo: 150, percent: 20 },
        { daysAgo: 60, percent: 45 },
      ],
    });
  if (tea)
    plans.push({
      station: tea,
      hostId: 'p-host-tea',
      secretaryId: 'p-sec-tea',
      diligence: [0.5, 0.55, 0.4, 0.6, 0.3],
      trainings: [
        { daysAgo: 300, topic: '黑茶加工工艺提升培训', place: '桃江县茶业有限公司', trainees: 62 },
        { daysAgo: 210, topic: '茶园病虫害绿色防控培训', place: '桃花江镇', trainees: 55 },
        { daysAgo: 25, topic: '茶叶品牌营销培训', place: '桃江县电商中心', trainees: 48 },
      ],
      research: [
        { daysAgo: 280, title: '桃江县茶产业链调研', result: '形成《桃江黑茶产业链延伸建议》', resultDaysAgo: 230 },
        { daysAgo: 180, title: '茶园机械化采摘需求调研', result: '形成机采茶园改造方案', resultDaysAgo: 150 },
      ],
      tackling: [{ daysAgo: 200, title: '黑茶“发花”工艺稳定性攻关', partners: '湖南农业大学茶学系' }],
      problems: [
        { daysAgo: 260, enterprise: '桃江县茶业有限公司', problem: '黑毛茶渥堆温度控制不稳', outcome: '加装温湿度监测，合格率提升 12%' },
        { daysAgo: 190, enterprise: '桃江县某茶叶合作社', problem: '茶园春季倒春寒受冻', outcome: '推广防霜风扇和覆盖技术' },
      ],
      achievements: [
        { daysAgo: 220, title: '茯砖茶加工新工艺', recipient: '桃江县茶业有限公司', method: '技术转让' },
        { daysAgo: 35, title: '茶园生草栽培模式', recipient: '桃江县某茶叶合作社', method: '示范推广' },
      ],
      agreement: [
        { daysAgo: 250, percent: 30 },
        { daysAgo: 40, percent: 55 },
        { daysAgo: 10, percent: 65 },
      ],
    });

  for (const [pi, plan] of plans.entries()) {
    const { station } = plan;
    const sc = { station, settings: settingsFor(station) };
    const random = rng(20251226 + pi);
    let n = 0;
    const records: StationRecord[] = [];
    const dateAgo = (d: number): ChinaDate => addDays(today, -d);
    const usable = (date: ChinaDate) => date >= station.plaqueDate && date <= addDays(today, -3);
    /** older entries are mostly confirmed by the host unit; recent ones mostly still pending */
    const statusFor = (date: ChinaDate, disputeChance = 0.03): StationRecord['status'] => {
      const age = -(new Date(`${date}T00:00:00Z`).getTime() - new Date(`${today}T00:00:00Z`).getTime()) / 86_400_000;
      const r = random();
      if (r < disputeChance) return 'disputed';
      return age > 14 ? (r < 0.9 ? 'confirmed' : 'pending') : r < 0.3 ? 'confirmed' : 'pending';
    };
    const common = (date: ChinaDate, authorId: string) => {
      const status = statusFor(date);
      return {
        id: `rc-demo-${station.id.slice(3)}-${++n}`,
        stationId: station.id,
        authorId,
        date,
        status,
        note: '',
        evidence: [],
        createdAt: now,
        updatedAt: now,
        statusReason: status === 'disputed' ? '当天未见到专家到站，请补充说明' : '',
      };
    };
    // Service days: working days since the plaque date (at most 400 days back).
    for (const [ei, expertId] of station.expertIds.entries()) {
      for (let d = 400; d >= 3; d--) {
        const date = dateAgo(d);
        if (!usable(date) || !isWorkingDay(date, libraryCalendar).working) continue;
        if (random() >= (plan.diligence[ei] ?? 0.3)) continue;
        records.push({ ...common(date, expertId), kind: 'serviceDay', expertId, backfilled: random() < 0.25, checkIn: null });
      }
    }
    const author = (i: number) => station.expertIds[i % station.expertIds.length] ?? station.expertIds[0]!;
    plan.trainings.forEach((t, i) => {
      const date = dateAgo(t.daysAgo);
      if (usable(date))
        records.push({ ...common(date, author(i)), kind: 'training', topic: t.topic, place: t.place, trainees: t.trainees });
    });
    plan.research.forEach((r, i) => {
      const date = dateAgo(r.daysAgo);
      if (!usable(date)) return;
      const resultDate = r.result && r.resultDaysAgo !== undefined ? dateAgo(r.resultDaysAgo) : null;
      records.push({
        ...common(date, author(i + 1)),
        kind: 'research',
        title: r.title,
        result: resultDate ? (r.result ?? '') : '',
        resultDate,
      });
    });
    plan.tackling.forEach((t, i) => {
      const date = dateAgo(t.daysAgo);
      if (usable(date)) records.push({ ...common(date, author(i + 2)), kind: 'tackling', title: t.title, partners: t.partners });
    });
    plan.problems.forEach((p, i) => {
      const date = dateAgo(p.daysAgo);
      if (usable(date))
        records.push({ ...common(date, author(i + 3)), kind: 'problem', enterprise: p.enterprise, problem: p.problem, outcome: p.outcome });
    });
    plan.achievements.forEach((a, i) => {
      const date = dateAgo(a.daysAgo);
      if (usable(date))
        records.push({ ...common(date, author(i + 4)), kind: 'achievement', title: a.title, recipient: a.recipient, method: a.method });
    });
    for (const a of plan.agreement) {
      const date = dateAgo(a.daysAgo);
      if (usable(date)) records.push({ ...common(date, plan.secretaryId), kind: 'agreement', percent: a.percent, status: 'confirmed' });
    }

    for (let i = 0; i < records.length; i += 40) {
      const batch = records.slice(i, i + 40).map((r) => stationRecordSchema.parse(r));
      // a start that crashed mid-seed seeds again: records already there are skipped
      await deps.store.stations.importRecords(batch, sc, (r) => ({
        actorId: r.status === 'pending' ? r.authorId : plan.hostId,
        action: 'record.seed',
        reason: '本地演示数据',
        now,
      }));
    }
  }
}
