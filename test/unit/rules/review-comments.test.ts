import { stagesOf } from '../../../shared/programmes';
import { materialsOf } from '../../../shared/rules/materials';
import {
  commentLabel,
  materialCommentKey,
  materialIdOfCommentKey,
  stageNeedsStaffScore,
  unknownCommentKeys,
} from '../../../shared/rules/review-comments';
import { stageIncomplete } from '../../../shared/rules/stage-completion';
import { fieldCommentsSchema } from '../../../shared/schemas/application';
import { registeredProgrammeIds, registeredProgrammes } from '../../fixtures/programmes';
import { programme } from './fixtures';

// Issue 15, findings 9 and 10: materials commentable; a staff-scored stage needs its score sheet before passing.
const station = programme('yiyang-station-2023');
const fields = new Set(['stationName', 'summary']);

describe('comment keys: a form field or a material of the kind', () => {
  it('round-trips a material key', () => {
    expect(materialCommentKey('agreement')).toBe('material:agreement');
    expect(materialIdOfCommentKey('material:agreement')).toBe('agreement');
    expect(materialIdOfCommentKey('stationName')).toBeNull();
  });
  it('the stored schema accepts field keys and material keys, nothing else', () => {
    expect(fieldCommentsSchema.safeParse({ stationName: '请改', 'material:agreement': '请上传盖章版' }).success).toBe(true);
    expect(fieldCommentsSchema.safeParse({ 'material:Bad Id': 'x' }).success).toBe(false);
    expect(fieldCommentsSchema.safeParse({ 'other:agreement': 'x' }).success).toBe(false);
  });
  it('refuses unknown fields and materials the programme does not list for the kind', () => {
    const material = materialsOf(station, 'station')[0]!.id;
    expect(unknownCommentKeys(station, 'station', fields, ['stationName', materialCommentKey(material)])).toEqual([]);
    expect(unknownCommentKeys(station, 'station', fields, ['nope', 'material:no-such-material'])).toEqual([
      { key: 'nope', message: '申报书中没有这个项目' },
      { key: 'material:no-such-material', message: '本项目的申报材料中没有这一项' },
    ]);
  });
  it('labels a comment by its field name or its material', () => {
    const m = materialsOf(station, 'station')[0]!;
    const labels = new Map([['stationName', '服务站名称']]);
    expect(commentLabel(station, 'station', labels, 'stationName')).toBe('服务站名称');
    expect(commentLabel(station, 'station', labels, materialCommentKey(m.id))).toBe(`材料「${m.label}」`);
    expect(commentLabel(station, 'station', labels, 'material:gone')).toBe('材料「gone」');
    expect(commentLabel(station, 'station', labels, 'other')).toBe('other');
  });
});

describe('a stage that asks for a 100-point score', () => {
  const decision = stagesOf(station, 'station').find((s) => s.id === station.rubric.stageId)!;
  const work = { checklist: [], reviewerIds: [], scoredBy: new Set<string>(), nameOf: (id: string) => id };
  it('is the rubric’s stage when its staff score it', () => {
    expect(stageNeedsStaffScore(station, decision)).toBe(true);
    expect(stageNeedsStaffScore(station, null)).toBe(false);
    expect(stageNeedsStaffScore(station, stagesOf(station, 'station')[0]!)).toBe(false);
    const five = programme('pingdingshan-five-star');
    expect(stageNeedsStaffScore(five, stagesOf(five, 'five-star').find((s) => s.id === five.rubric.stageId)!)).toBe(false);
  });
  it('refuses passing without a score sheet (APPLICATION.SCORE_REQUIRED), passes with one', () => {
    expect(stageIncomplete(station, 'station', decision, work)).toEqual({
      code: 'APPLICATION.SCORE_REQUIRED',
      message: `「${decision.label}」须先按评分细则评分（满分 100 分）并提交，才能审核通过`,
    });
    expect(stageIncomplete(station, 'station', decision, { ...work, stageScoreSheets: 1 })).toBeNull();
  });
});

describe('rubric notes are written for reviewers', () => {
  it.each(registeredProgrammeIds)('%s: no developer voice (我们 / 种子)', (id) => {
    const p = registeredProgrammes.find((x) => x.id === id)!;
    for (const rubric of [p.rubric, ...p.rubricsByType.map((r) => r.rubric)]) expect(rubric.note).not.toMatch(/我们|种子/);
  });
});
