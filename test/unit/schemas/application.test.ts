import { applicationSchema, applicationStatuses, applicationStatusLabels } from '../../../shared/schemas/application';
import { application, T0 } from './fixtures';

const issues = (value: unknown) => {
  const r = applicationSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}|${i.message}`);
};

describe('an application', () => {
  it('as stored after submission is valid', () => {
    expect(issues(application())).toEqual([]);
  });

  it('has a Chinese label for every status', () => {
    expect(Object.keys(applicationStatusLabels).sort()).toEqual([...applicationStatuses].sort());
  });

  describe('who applies', () => {
    it.each<[string, object, string[]]>([
      ['a host unit naming its host society (seed 004 第八条)', { type: 'hostUnit', societyId: 'soc-agri', hostUnitId: 'hu-1' }, []],
      ['a host unit without a society yet', { type: 'hostUnit', societyId: null, hostUnitId: 'hu-1' }, []],
      ['a society', { type: 'society', societyId: 'soc-agri', hostUnitId: null }, []],
      [
        'a society without its id',
        { type: 'society', societyId: null, hostUnitId: null },
        ['applicant.societyId|以学会名义申报时必须指明学会'],
      ],
      [
        'a society naming a host unit',
        { type: 'society', societyId: 'soc-agri', hostUnitId: 'hu-1' },
        ['applicant.hostUnitId|以学会名义申报时不应指明建站单位'],
      ],
      [
        'a host unit without its id',
        { type: 'hostUnit', societyId: 'soc-agri', hostUnitId: null },
        ['applicant.hostUnitId|以建站单位名义申报时必须指明建站单位'],
      ],
    ])('%s', (_case, applicant, expected) => {
      expect(issues({ ...application(), applicant })).toEqual(expected);
    });
  });

  it('refuses a form id that is not its programme/kind', () => {
    expect(issues(application({ formId: 'weihai-2025/class-a' }))).toEqual(['formId|表单编号与项目类别不一致']);
    expect(issues(application({ formId: 'no-slash' }))).toEqual([
      'formId|表单编号应为 programmeId/kindId',
      'formId|表单编号与项目类别不一致',
    ]);
  });

  it.each<[string, number, boolean]>([
    ['version 1 (first save)', 1, true],
    ['version 0', 0, false],
    ['a fractional version', 1.5, false],
  ])('with %s: valid = %s', (_case, version, ok) => {
    expect(issues(application({ version })).length === 0).toBe(ok);
  });

  it('refuses an update before its creation', () => {
    expect(issues(application({ updatedAt: T0 - 1 }))).toEqual(['updatedAt|更新时间早于创建时间']);
  });

  describe('submission time', () => {
    it.each<[string, Partial<ReturnType<typeof application>>, string[]]>([
      ['a draft never submitted', { status: 'draft', stageId: null, submittedAt: null }, []],
      ['a draft with a submission time', { status: 'draft', submittedAt: T0 }, ['submittedAt|草稿不应有提交时间']],
      ['in review without a submission time', { status: 'in_review', submittedAt: null }, ['submittedAt|已提交的申报必须有提交时间']],
      ['returned without a submission time', { status: 'returned', submittedAt: null }, ['submittedAt|已提交的申报必须有提交时间']],
      ['withdrawn before it was ever submitted', { status: 'withdrawn', submittedAt: null }, []],
      ['withdrawn after submission', { status: 'withdrawn', submittedAt: T0 }, []],
      ['awarded', { status: 'awarded', stageId: null }, []],
    ])('%s', (_case, over, expected) => {
      expect(issues(application(over))).toEqual(expected);
    });
  });

  it('keeps values as a record keyed by camelCase field keys', () => {
    expect(issues(application({ values: { 'contact-mobile': '1' } }))).toEqual(['values.contact-mobile|字段键应为英文 camelCase']);
  });

  it('refuses values that are not a record, in Chinese', () => {
    expect(issues(application({ values: '全部内容' as never }))).toEqual(['values|申报内容格式不正确']);
    expect(issues(application({ fieldComments: ['请补充'] as never }))).toEqual(['fieldComments|字段意见格式不正确']);
  });

  it('refuses more than 300 values (a call is capped at 100 KB)', () => {
    const values = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`f${i}`, '']));
    expect(issues(application({ values }))).toEqual(['values|申报内容的项目过多']);
  });

  it('keeps reviewer comments per field, trimmed and capped', () => {
    const parsed = applicationSchema.parse(application({ status: 'returned', fieldComments: { contactMobile: '  手机号有误 ' } }));
    expect(parsed.fieldComments).toEqual({ contactMobile: '手机号有误' });
    expect(issues(application({ fieldComments: { contactMobile: '字'.repeat(501) } }))).toEqual([
      'fieldComments.contactMobile|字段意见不能超过 500 个字',
    ]);
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`f${i}`, '请补充']));
    expect(issues(application({ fieldComments: many }))).toEqual(['fieldComments|字段意见过多']);
  });

  it('refuses an attachment whose file reference is incomplete', () => {
    const attachments = [
      { materialId: 'agreement', file: { fileId: '', name: 'a.pdf', size: 1, mime: 'application/pdf' }, uploadedAt: T0 },
    ];
    expect(issues(application({ attachments }))).toHaveLength(1);
  });

  it('refuses a history entry with an unknown action', () => {
    const history = [{ at: T0, actorId: 'p-1', action: 'deleted', fromStatus: null, toStatus: 'draft', stageId: null, note: '' }];
    expect(issues(application({ history } as never))).toHaveLength(1);
  });
});
