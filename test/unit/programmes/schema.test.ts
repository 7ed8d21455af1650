import { getProgramme, isProgrammeId, loadProgramme, programmeIds, programmeSchema, programmes } from '../../../shared/programmes';
import { pingdingshanFiveStar } from '../../../shared/programmes/pingdingshan-five-star';
import { findKind, requireKind, stagesOf } from '../../../shared/programmes/schema';
import { weihai2025 } from '../../../shared/programmes/weihai-2025';
import { yiyangStation2023 } from '../../../shared/programmes/yiyang-station-2023';

// the edits reach into raw definitions to break them on purpose
type Raw = any;

/** A deep copy of a definition, changed by `edit`. */
function variant<T>(def: T, edit: (d: T) => void): unknown {
  const copy = structuredClone(def);
  edit(copy);
  return copy;
}
const messages = (def: unknown): string[] => {
  const r = programmeSchema.safeParse(def);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('the five definitions', () => {
  it('validate at import and are keyed by their own id', () => {
    expect(Object.keys(programmes)).toEqual([...programmeIds]);
    for (const id of programmeIds) expect(programmes[id].id).toBe(id);
  });
  it('carry the fixed kind ids and form ids other code depends on', () => {
    const kinds = Object.fromEntries(programmeIds.map((id) => [id, programmes[id].kinds.map((k) => k.id)]));
    expect(kinds).toEqual({
      'yiyang-station-2023': ['station'],
      'yiyang-capacity-2018': ['demonstration', 'academic', 'social-service', 'society-building'],
      'wuhan-award': ['award'],
      'pingdingshan-five-star': ['five-star'],
      'weihai-2025': ['class-a', 'class-b', 'promotion'],
    });
    for (const id of programmeIds) for (const k of programmes[id].kinds) expect(k.formId).toBe(`${id}/${k.id}`);
  });
  it('name their seed, city and applicant type', () => {
    const seedOf = (id: (typeof programmeIds)[number]) => {
      const p = programmes[id].provenance;
      return p.kind === 'seed' ? p.file.slice(0, 3) : p.kind;
    };
    expect(programmeIds.map((id) => [seedOf(id), programmes[id].city])).toEqual([
      ['004', '益阳市'],
      ['000', '益阳市'],
      ['001', '武汉市'],
      ['002', '平顶山市'],
      ['003', '威海市'],
    ]);
    expect(programmes['yiyang-station-2023'].kinds[0]!.applicantType).toBe('hostUnit');
    for (const id of programmeIds.slice(1)) for (const k of programmes[id].kinds) expect(k.applicantType).toBe('society');
  });
  it('give the station programme the 第十二条 assessment settings', () => {
    expect(programmes['yiyang-station-2023'].assessment?.thresholds).toMatchObject({
      daysPerQuarter: 10,
      daysPerYear: 40,
      agreementYear1Percent: 50,
    });
    expect(programmes['wuhan-award'].assessment).toBeUndefined();
  });
  it('are found by id, and unknown ids are not', () => {
    expect(getProgramme('weihai-2025')?.city).toBe('威海市');
    expect(getProgramme('constructor')).toBeUndefined();
    expect(isProgrammeId('toString')).toBe(false);
  });
  it('answer kind and stage lookups', () => {
    const p = programmes['yiyang-capacity-2018'];
    expect(findKind(p, 'academic')?.label).toBe('学术交流项目');
    expect(findKind(p, 'nope')).toBeUndefined();
    expect(() => requireKind(p, 'nope')).toThrow('没有申报类别');
    expect(stagesOf(p, 'academic').map((s) => s.id)).toEqual(['formal-review', 'expert-review', 'joint-approval']);
  });
});

describe('a definition that contradicts itself is refused', () => {
  it.each([
    ['a duplicated criterion id', (d: Raw) => d.criteria.push({ ...d.criteria[0] }), '编号重复：society-level'],
    ['a criterion on an undefined fact', (d: Raw) => (d.criteria[0].fact = 'nothing'), '引用了未定义的事实：nothing'],
    ['a number test on a yes/no fact', (d: Raw) => (d.criteria[2].test = { op: 'atLeast', n: 1 }), '不能用 atLeast 判断'],
    ['an option the fact does not have', (d: Raw) => (d.criteria[0].test = { op: 'oneOf', values: ['galactic'] }), '没有选项 galactic'],
    ['a criterion for an undefined kind', (d: Raw) => (d.criteria[0].kinds = ['workstation']), '引用了未定义的申报类别：workstation'],
    ['a criterion for a level not offered', (d: Raw) => (d.criteria[0].levels = ['county']), 'Invalid'],
    ['a form id that is not programme/kind', (d: Raw) => (d.kinds[0].formId = 'station'), '表单编号应为 yiyang-station-2023/station'],
    ['a level without funding', (d: Raw) => delete d.kinds[0].funding.levels.city, '缺少 city 级的资助规则'],
    ['a criterion id taken by a built-in check', (d: Raw) => (d.criteria[0].id = 'placement'), '资格条件编号冲突：placement'],
    ['a criterion id taken by a limit', (d: Raw) => (d.criteria[0].id = 'city-per-round'), '资格条件编号冲突：city-per-round'],
    ['a rubric not summing to 100', (d: Raw) => (d.rubric.items[0].maxPoints = 11), '评分细则各项满分之和必须等于 100'],
    ['a rubric for a missing stage', (d: Raw) => (d.rubric.stageId = 'ghost'), '评分细则引用了不存在的环节：ghost'],
    ['a station programme without assessment settings', (d: Raw) => delete d.assessment, '服务站类项目必须给出考核设置'],
    [
      'placement without the host-unit-kind fact',
      (d: Raw) => (d.facts = d.facts.filter((f: Raw) => f.id !== 'hostUnitKind')),
      '建站位置规则需要事实 hostUnitKind',
    ],
    ['levels without the level fact', (d: Raw) => (d.facts = d.facts.filter((f: Raw) => f.id !== 'level')), '需要字符串事实 level'],
    ['a skip rule on an undefined fact', (d: Raw) => (d.stages[0].skipWhen.all[0].fact = 'ghost'), '引用了未定义的事实：ghost'],
    [
      'a skip rule without conditions',
      (d: Raw) => (d.stages[0].skipWhen = { reason: '任意', clause: '第八条' }),
      '跳过规则至少需要一个条件',
    ],
    ['a scorer on a site visit', (d: Raw) => (d.stages[2].scoredBy = 'reviewer'), '只有专家评审环节可以指定评分人'],
    [
      'no stage before publicity',
      (d: Raw) => {
        for (const s of d.stages) s.phase = 'afterPublicity';
      },
      '在公示前没有审核环节',
    ],
    ['a limit on an undefined kind', (d: Raw) => (d.limits[0].kindId = 'ghost'), '引用了未定义的申报类别：ghost'],
    [
      'a restriction to a level the kind lacks',
      (d: Raw) => (d.kinds[0].stationLevels = ['city', 'provincial']),
      '申报类别不提供该级别：national',
    ],
    ['an unknown expense category', (d: Raw) => d.expenses.allowed.ids.push('yacht'), '未知的开支类别'],
    ['a stage acted on by an applicant role', (d: Raw) => (d.stages[0].role = 'secretary'), 'Invalid'],
    ['a seed file name that is not a seed', (d: Raw) => (d.provenance.file = 'policy.txt'), '种子文件名格式不正确'],
  ])('%s', (_name, edit, message) => {
    const all = messages(variant(yiyangStation2023, edit as (d: unknown) => void));
    expect(all.join('\n')).toContain(message);
  });
  it('station funding by level on a kind that offers no levels', () => {
    const all = messages(
      variant(
        pingdingshanFiveStar,
        (d: Raw) => (d.kinds[0].funding = { type: 'byLevel', clause: '五', levels: { city: { type: 'caseByCase' } } }),
      ),
    );
    expect(all).toContain('申报类别不提供该级别：city');
  });
  it('a kind with no review stage of its own', () => {
    const all = messages(
      variant(weihai2025, (d: Raw) => {
        for (const s of d.stages) s.kinds = ['class-a'];
      }),
    );
    expect(all).toContain('申报类别 class-b 在公示前没有审核环节');
  });
  it('a work deadline on a day that does not exist', () => {
    expect(messages(variant(weihai2025, (d: Raw) => (d.cycle.workDeadline = { month: 11, day: 31, clause: '五(五)' })))).toContain(
      '截止日期不存在',
    );
  });
  it('a round limit for a level of a kind without levels', () => {
    expect(
      messages(
        variant(pingdingshanFiveStar, (d: Raw) =>
          d.limits.push({ type: 'perRound', id: 'x', clause: '三', label: '上限', kindId: 'five-star', level: 'city', max: 1 }),
        ),
      ),
    ).toContain('申报类别不提供该级别：city');
  });
  it('loadProgramme lists every problem in Chinese and checks the key', () => {
    expect(() =>
      loadProgramme(
        'yiyang-station-2023',
        variant(yiyangStation2023, (d: Raw) => (d.rubric.stageId = 'ghost')),
      ),
    ).toThrow(/项目定义 yiyang-station-2023 无效：\nrubric\.stageId：评分细则引用了不存在的环节：ghost/);
    expect(() => loadProgramme('weihai-2025', yiyangStation2023)).toThrow('编号不一致');
    expect(() => loadProgramme('x', 42)).toThrow('(根)：');
  });
  it('adding a city is adding a definition: a new programme built from data alone validates', () => {
    const newCity = variant(weihai2025, (d: Raw) => {
      d.id = 'changde-2026';
      d.city = '常德市';
      d.kinds = d.kinds.map((k: Raw) => ({ ...k, formId: `changde-2026/${k.id}` }));
    });
    expect(loadProgramme('changde-2026', newCity).city).toBe('常德市');
  });
});
