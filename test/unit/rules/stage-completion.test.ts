import { stagesOf } from '../../../shared/programmes';
import { formalChecklist, type StageWork, stageIncomplete } from '../../../shared/rules/stage-completion';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023');
const wuhan = programme('wuhan-award');
const stageNamed = (p: typeof station, kindId: string, id: string) => stagesOf(p, kindId).find((s) => s.id === id)!;
const formal = stageNamed(station, 'station', 'city-review');
const expert = stageNamed(wuhan, 'award', 'expert-review');
const names: Record<string, string> = { r1: '张三', r2: '李四' };
const work = (over: Partial<StageWork> = {}): StageWork => ({
  checklist: [],
  reviewerIds: [],
  scoredBy: new Set(),
  nameOf: (id) => names[id] ?? id,
  ...over,
});

describe('formalChecklist (形式审查, seed 000 五.2)', () => {
  it('has the two fixed lines and one per required material, none ticked', () => {
    const items = formalChecklist(station, 'station');
    const required = station.materials.filter((m) => m.required && (!m.kinds || m.kinds.includes('station')));
    expect(items.slice(0, 2).map((i) => i.itemId)).toEqual(['conditions', 'form-complete']);
    expect(items.slice(2).map((i) => i.itemId)).toEqual(required.map((m) => `material-${m.id}`));
    expect(items.every((i) => !i.checked)).toBe(true);
    expect(items[2]!.label).toBe(`材料齐全：${required[0]!.label}`);
  });
});

describe('stageIncomplete', () => {
  const all = formalChecklist(station, 'station').map((i) => ({ itemId: i.itemId, checked: true }));

  it('lets a stage without its own work pass, and no stage at all', () => {
    expect(stageIncomplete(station, 'station', stageNamed(station, 'station', 'site-visit'), work())).toBeNull();
    expect(stageIncomplete(station, 'station', null, work())).toBeNull();
  });

  it.each<[string, { itemId: string; checked: boolean }[], string[] | null]>([
    ['every line ticked', all, null],
    ['one line left unticked', all.map((i) => (i.itemId === 'conditions' ? { ...i, checked: false } : i)), ['conditions']],
    ['one line missing', all.slice(1), ['conditions']],
    ['nothing ticked', [], all.map((i) => i.itemId)],
  ])('形式审查 with %s', (_name, checklist, open) => {
    const r = stageIncomplete(station, 'station', formal, work({ checklist }));
    expect(r?.details ?? null).toEqual(open ? { open } : null);
  });

  it('names the open lines of the checklist', () => {
    const checklist = all.map((i) => (i.itemId === 'form-complete' ? { ...i, checked: false } : i));
    expect(stageIncomplete(station, 'station', formal, work({ checklist }))?.message).toBe(
      '形式审查尚未完成：申报书符合填报要求，内容真实完整',
    );
  });

  it.each<[string, string[], string[], string | null, string[] | null]>([
    ['no reviewer assigned', [], [], '尚未指派评审专家', null],
    ['one of two sheets in', ['r1', 'r2'], ['r1'], '尚有评审专家未评分：李四', ['r2']],
    ['no sheet in', ['r1', 'r2', 'r3'], [], '尚有评审专家未评分：张三、李四、r3', ['r1', 'r2', 'r3']],
    ['every sheet in', ['r1', 'r2'], ['r1', 'r2'], null, null],
  ])('专家评审 with %s', (_name, reviewerIds, scored, message, missing) => {
    const r = stageIncomplete(wuhan, 'award', expert, work({ reviewerIds, scoredBy: new Set(scored) }));
    expect(r?.message ?? null).toBe(message);
    expect(r?.details ?? null).toEqual(missing ? { missing } : null);
  });
});
