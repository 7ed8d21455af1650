import type { z } from 'zod';
import { applicationsApi, imposeSanctionInput } from '../../../shared/api/applications';
import { identityApi } from '../../../shared/api/identity';
import { adjustAssessmentInput } from '../../../shared/api/reports';
import {
  confirmEntryInput,
  logResearchResultInput,
  logTrainingInput,
  uploadEvidenceInput,
  withdrawEntryInput,
} from '../../../shared/api/stations';
import { formSchema, missingRequired, yiyangStationForm } from '../../../shared/forms';
import {
  fileObjectionRequestSchema,
  saveDraftRequestSchema,
  startPublicityRequestSchema,
  withdrawRequestSchema,
} from '../../../shared/schemas/application';
import { cleanText, optionalText, text } from '../../../shared/schemas/common';
import { filled } from '../forms/fill';

/**
 * Issue 11, finding 7: one character broke every export. Every text a request, a form or a stored
 * entity carries goes through the text helpers of shared/schemas/common.ts, which strip what XML
 * (the .xlsx and .docx exports) cannot carry and the bidi controls that reorder what a reader sees,
 * and count invisible-only values as empty. On the committed main these characters were kept and a
 * value of one zero-width space filled a required field.
 */

/** Characters stripped wherever they stand: XML 1.0 cannot carry them, or they only spoof the reading order. */
const stripped: [string, string][] = [
  ['NUL', '\u0000'],
  ['C0 control U+0001', '\u0001'],
  ['vertical tab', '\u000B'],
  ['form feed', '\u000C'],
  ['C0 control U+001F', '\u001F'],
  ['DEL', '\u007F'],
  ['C1 control U+0085', '\u0085'],
  ['U+FFFE', '\uFFFE'],
  ['U+FFFF', '\uFFFF'],
  ['noncharacter U+FDD0', '\uFDD0'],
  ['noncharacter U+10FFFF', '\u{10FFFF}'],
  ['lone high surrogate', '\uD800'],
  ['lone low surrogate', '\uDFFF'],
  ['byte order mark', '\uFEFF'],
  ['LRE U+202A', '\u202A'],
  ['RLE U+202B', '\u202B'],
  ['PDF U+202C', '\u202C'],
  ['LRO U+202D', '\u202D'],
  ['RLO U+202E', '\u202E'],
  ['LRI U+2066', '\u2066'],
  ['RLI U+2067', '\u2067'],
  ['FSI U+2068', '\u2068'],
  ['PDI U+2069', '\u2069'],
];

/** Values a person cannot see: a required field refuses them, an optional one keeps ''. */
const invisible: [string, string][] = [
  ['zero-width space', '\u200B'],
  ['zero-width non-joiner', '\u200C'],
  ['zero-width joiner', '\u200D'],
  ['word joiner', '\u2060'],
  ['byte order mark', '\uFEFF'],
  ['ideographic and no-break spaces', ' \u3000\u00A0 '],
  ['a mix with a line break', '\u200B\n\u200D\t'],
  ['only a bidi override', '\u202E'],
  ['only NUL', '\u0000'],
];

/** Text kept exactly as typed. */
const kept: [string, string][] = [
  ['tab, line breaks', '第一行\n\t第二行\r\n第三行'],
  ['an emoji joined by ZWJ', '家庭👨‍👩‍👧活动'],
  ['a CJK character outside the BMP (a surrogate pair)', '𠮷野家'],
  ['a zero-width space between visible text', '甲\u200B乙'],
];

interface Case {
  /** the request or form the field belongs to */
  name: string;
  schema: z.ZodType;
  input: (v: string) => unknown;
  read: (out: any) => unknown;
  /** the Chinese message for an invisible-only value; null: the field is optional */
  required: string | null;
  /** a file name: line breaks and tabs are a question for the file-name rule (finding 6), not asked here */
  fileName?: true;
}

const requestId = 'req-0000000001';
const scope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };
const requests: Case[] = [
  {
    name: 'applications.withdraw reason (optionalText)',
    schema: withdrawRequestSchema,
    input: (reason) => ({ applicationId: 'ap-1', reason, requestId }),
    read: (o) => o.reason,
    required: null,
  },
  {
    name: 'applications.fileObjection content (text)',
    schema: fileObjectionRequestSchema,
    input: (content) => ({ applicationId: 'ap-1', content, requestId }),
    read: (o) => o.content,
    required: '异议内容不能为空',
  },
  {
    name: 'applications.startPublicity note',
    schema: startPublicityRequestSchema,
    input: (note) => ({ applicationId: 'ap-1', startDate: '2026-11-20', note, requestId }),
    read: (o) => o.note,
    required: null,
  },
  {
    name: 'applications.imposeSanction reason',
    schema: imposeSanctionInput,
    input: (reason) => ({
      subject: { type: 'society', id: 'soc-1' },
      programmeId: 'p-1',
      penaltyId: 'fraud',
      imposedOn: '2026-11-20',
      reason: `经核实${reason}`,
      requestId,
    }),
    read: (o) => o.reason.slice(3),
    required: null,
  },
  {
    name: 'applications.uploadAttachment file name',
    schema: applicationsApi.uploadAttachment.input,
    input: (name) => ({ applicationId: 'ap-1', materialId: 'm-1', name, mime: 'application/pdf', base64: 'JVBERi0=', requestId }),
    read: (o) => o.name,
    required: '请提供文件名',
    fileName: true,
  },
  {
    name: 'identity.createInvite new person name',
    schema: identityApi.createInvite.input,
    input: (name) => ({ role: 'expert', newPerson: { name }, scope }),
    read: (o) => o.newPerson.name,
    required: '姓名不能为空',
  },
  {
    name: 'identity.revokeBinding reason',
    schema: identityApi.revokeBinding.input,
    input: (reason) => ({ bindingId: 'bd-1', reason }),
    read: (o) => o.reason,
    required: '请填写撤销原因',
  },
  {
    name: 'stations.logTraining topic',
    schema: logTrainingInput,
    input: (topic) => ({ requestId, stationId: 'st-1', date: '2026-11-18', topic, place: '服务站', trainees: 30 }),
    read: (o) => o.topic,
    required: '培训主题不能为空',
  },
  {
    name: 'stations.logResearchResult result',
    schema: logResearchResultInput,
    input: (result) => ({ requestId, recordId: 'rc-1', result, resultDate: '2026-11-18' }),
    read: (o) => o.result,
    required: '调研成果不能为空',
  },
  {
    name: 'stations.confirmEntry dispute reason',
    schema: confirmEntryInput,
    input: (reason) => ({ requestId, recordId: 'rc-1', decision: 'dispute', reason }),
    read: (o) => o.reason,
    required: '请填写异议原因',
  },
  {
    name: 'stations.withdrawEntry reason',
    schema: withdrawEntryInput,
    input: (reason) => ({ requestId, recordId: 'rc-1', reason }),
    read: (o) => o.reason,
    required: null,
  },
  {
    name: 'stations.uploadEvidence file name',
    schema: uploadEvidenceInput,
    input: (name) => ({ requestId, stationId: 'st-1', name, mime: 'image/jpeg', dataBase64: 'AAAA' }),
    read: (o) => o.name,
    required: '文件名不能为空',
    fileName: true,
  },
  {
    name: 'reports.adjustAssessment reason',
    schema: adjustAssessmentInput,
    input: (reason) => ({ requestId, assessmentId: 'as-1', score: 80, grade: '合格', reason: `复核后调整：${reason}` }),
    read: (o) => o.reason.slice(6),
    required: null,
  },
  {
    name: 'text(100) helper',
    schema: text(100, '标题'),
    input: (v) => v,
    read: (o) => o,
    required: '标题不能为空',
  },
  {
    name: 'optionalText(100) helper',
    schema: optionalText(100, '备注'),
    input: (v) => v,
    read: (o) => o,
    required: null,
  },
];

// Form fields: one text and one textarea of the station 申报书, validated as a draft and as submitted.
const station = yiyangStationForm;
const complete = filled(station) as Record<string, unknown>;
const forms: Case[] = (['stationName', 'purposeAndPlan'] as const).flatMap((key) => {
  const label = station.steps.flatMap((s) => s.fields).find((f) => f.key === key)!;
  const name = label.name ?? label.label;
  return [
    {
      name: `form field ${key} (draft)`,
      schema: formSchema(station, { mode: 'draft' }),
      input: (v: string) => ({ [key]: v }),
      read: (o: any) => o[key],
      required: null,
    },
    {
      name: `form field ${key} (submit)`,
      schema: formSchema(station, { mode: 'submit' }),
      input: (v: string) => ({ ...complete, [key]: v }),
      read: (o: any) => o[key],
      required: `请填写${name}`,
    },
  ];
});

const all = [...requests, ...forms];
const messagesOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe.each(all.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it.each(stripped)('strips %s inside the text', (_label, ch) => {
    const r = c.schema.safeParse(c.input(`申报${ch}内容${ch}`));
    expect(messagesOf(r)).toEqual([]);
    expect(c.read(r.data)).toBe('申报内容');
  });

  it.each(invisible)('an invisible-only value (%s) counts as empty', (_label, v) => {
    const r = c.schema.safeParse(c.input(v));
    if (c.required === null) {
      expect(messagesOf(r)).toEqual([]);
      expect(c.read(r.data)).toBe('');
    } else {
      expect(r.success).toBe(false);
      expect(messagesOf(r)).toContain(c.required);
    }
  });

  it.each(kept.filter(([, v]) => !(c.fileName && /[\t\n\r]/.test(v))))('keeps %s as typed', (_label, v) => {
    const r = c.schema.safeParse(c.input(v));
    expect(messagesOf(r)).toEqual([]);
    expect(c.read(r.data)).toBe(v);
  });
});

describe('cleanText', () => {
  it('trims invisible characters and whitespace at both ends, and is idempotent', () => {
    const once = cleanText('\u200B\uFEFF 益阳\uFFFF市科协 \u3000\u200D');
    expect(once).toBe('益阳市科协');
    expect(cleanText(once)).toBe(once);
  });
});

describe('draft values (kept as typed) lose only what XML cannot carry', () => {
  const save = (values: Record<string, unknown>) =>
    saveDraftRequestSchema.parse({ programmeId: 'p', kindId: 'k', roundId: 'r', values, baseVersion: 0, requestId }).values;

  it.each(stripped)('%s is removed from a draft value and from a multiple choice', (_label, ch) => {
    expect(save({ stationName: `服务站${ch}名称`, levels: [`a${ch}`] })).toEqual({ stationName: '服务站名称', levels: ['a'] });
  });

  it('a half-typed value keeps its spaces (a draft is saved as typed)', () => {
    expect(save({ stationName: ' 益阳 ', count: 3, none: null })).toEqual({ stationName: ' 益阳 ', count: 3, none: null });
  });

  it.each(invisible)('a required field holding only %s is missing before submit', (_label, v) => {
    expect(missingRequired(station, { ...complete, stationName: v }).map((m) => m.key)).toEqual(['stationName']);
  });
});
