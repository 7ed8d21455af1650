import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { org } from '../../cloudfunctions/org/function';
import { addDays, chinaDateOf } from '../../shared/calendar/china-time';
import { localOpenidOf } from './org';

/**
 * Local demo (issue 14): awards already made, so 项目执行 has something to walk — 湖南省茶叶学会 (桃江县)
 * holds a 益阳 2018 学会能力提升 award (task agreement approved by the city, budget changes allowed) and a
 * 平顶山 五星学会 award (a 3-year cycle). Imported through org.importAward as the city's staff would,
 * awarded 45 days before the seeding day; their award files are created when first opened.
 */
export const demoAwards = [
  { programmeId: 'yiyang-capacity-2018', kindId: 'society-building', title: '湖南省茶叶学会能力提升项目' },
  { programmeId: 'pingdingshan-five-star', kindId: 'five-star', title: '湖南省茶叶学会五星学会' },
] as const;

export const seedDemoAwards = async (deps: Deps): Promise<void> => {
  const awardedOn = addDays(chinaDateOf(deps.clock.now()), -45);
  for (const [i, a] of demoAwards.entries()) {
    const r = await org(
      {
        action: 'importAward',
        data: {
          requestId: `seed-demo-award-${i + 1}`,
          award: { ...a, societyId: 'soc-tea', stage: 1, awardedOn, source: '演示数据' },
        },
      },
      localOpenidOf('p-city-staff'),
      deps,
    );
    if (!r.ok) throw new Error(`demo award ${a.programmeId}: ${JSON.stringify(r.error)}`);
  }
};
