import { programmes } from '../../../shared/programmes';
import { stagesOf } from '../../../shared/programmes/schema';
import { applicantHistory } from '../../../shared/rules/applicant-history';
import type { HistoryEntry } from '../../../shared/schemas/application';
import { roleLabels } from '../../../shared/schemas/org';

/** Issue 11, finding 3: the applicant's history names no reviewer, shows no score and no objection. */
const p = programmes['yiyang-capacity-2018'];
const kind = p.kinds.find((k) => stagesOf(p, k.id).some((s) => s.scoredBy === 'reviewer'))!;
const stage = stagesOf(p, kind.id).find((s) => s.scoredBy === 'reviewer')!;
const line = (action: HistoryEntry['action'], note: string, stageId: string | null = stage.id): HistoryEntry => ({
  at: 1,
  actorId: 'p-secret-actor',
  action,
  fromStatus: 'in_review',
  toStatus: 'in_review',
  stageId,
  note,
});

describe('applicantHistory', () => {
  const history: HistoryEntry[] = [
    line('created', '', null),
    line('submit', '', null),
    line('assignReviewers', '指派评审专家：严冬、龚宁'),
    line('score', '评分 100 分'),
    line('return', '请补充近三年的培训记录'),
    line('pass', '严冬：材料扎实，建议通过'),
    line('startPublicity', '公示期 2026-11-01 至 2026-11-07（5个工作日）', null),
    line('objection', '登记异议：该单位专家实际未到岗', null),
    line('objectionResolved', '异议处理：经核实不成立', null),
    line('reject', '异议成立：该单位专家实际未到岗', null),
  ];
  it('names the system for a skipped stage and the award role for the award', () => {
    const more = applicantHistory(p, kind.id, [line('skipped', '实地考察：不适用'), line('award', '授牌', null)]);
    expect(more.map((h) => [h.actorName, h.note])).toEqual([
      ['系统', '实地考察：不适用'],
      [roleLabels[p.award.role], ''],
    ]);
  });
  const out = applicantHistory(p, kind.id, history);
  it('keeps the state changes and drops assignments, scores and objections', () => {
    expect(out.map((h) => h.action)).toEqual(['created', 'submit', 'return', 'pass', 'startPublicity', 'reject']);
  });
  it('shows actors by role only, never an id or a name', () => {
    expect(out.map((h) => h.actorName)).toEqual([
      '申报单位',
      '申报单位',
      roleLabels[stage.role],
      roleLabels[stage.role],
      roleLabels[p.publicity!.role],
      roleLabels[p.publicity!.role],
    ]);
    expect(out.every((h) => h.actorId === '')).toBe(true);
  });
  it('keeps a return’s comment and the publicity period, drops every other staff note', () => {
    const text = JSON.stringify(out);
    expect(text).toContain('请补充近三年的培训记录');
    expect(text).toContain('公示期 2026-11-01');
    for (const secret of ['严冬', '龚宁', '100 分', '实际未到岗', '经核实不成立', 'p-secret-actor']) expect(text).not.toContain(secret);
  });
});
