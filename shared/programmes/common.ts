import type { ProgrammeInput } from './schema';

/** File types accepted as proof: scans and photos of sealed paper, PDFs, Word documents. */
export const DOCUMENT_MIME_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
/** Budgets may also come as spreadsheets. */
export const BUDGET_MIME_TYPES = [
  ...DOCUMENT_MIME_TYPES,
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

type FactInput = ProgrammeInput['facts'][number];
/** A yes/no fact. */
export const yesNo = (id: string, label: string): FactInput => ({ id, label, type: 'boolean' });
/** A number fact. */
export const count = (id: string, label: string, unit: string): FactInput => ({ id, label, type: 'number', unit });
/** A date fact ('YYYY-MM-DD' of the latest occurrence; null = never). */
export const lastDate = (id: string, label: string): FactInput => ({ id, label, type: 'date' });

/**
 * The three 不予受理 items that seeds 000 and 001 share (violations, criticism/penalty, CAST tasks undone);
 * facts shared so a society's answers carry over between programmes.
 */
export const SOCIETY_STANDING_FACTS: FactInput[] = [
  yesNo('hasLawOrDisciplineViolation', '学会有违纪违法行为'),
  yesNo('criticisedOrPenalised', '学会违反国家相关规定，受到相关部门通报批评或处罚'),
  yesNo('castTasksUndone', '学会未按要求完成科协交办的工作或委托的项目'),
];
