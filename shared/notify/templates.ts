import type { Role } from '../schemas/org';
import { type TemplateKey, templateKeys } from '../schemas/subscriptions';

export { type TemplateKey, templateKeys };

/**
 * THE one place the subscription-message templates are described: which keyword slot of the WeChat
 * template (`thing1`, `number2` …) carries which of our fields, who receives it, and which page it
 * opens. The reminders (cloudfunctions/reports/actions/reminders.ts) and any later sender build their
 * `data` through `templateData` below; DEPLOY.md §1 lists the same slots for the operator, and the
 * template ids come from the deployment (environment variable `TEMPLATE_<KEY>`, see `templateEnvName`).
 *
 * Slot kinds (WeChat's limits): thing ≤ 20 characters, number digits only (≤ 32), date a date,
 * phrase ≤ 5 Chinese characters, character_string ≤ 32 letters/digits/symbols.
 */
export type SlotKind = 'thing' | 'number' | 'date' | 'phrase' | 'character_string';
export interface TemplateSlot {
  /** the keyword id as WeChat shows it in 我的模板 → 详情, e.g. `thing1` */
  slot: string;
  /** the keyword name to look for in the public library */
  label: string;
  /** our field that fills it */
  field: string;
}
export interface TemplateDef {
  key: TemplateKey;
  /** shown to the user in the settings page */
  title: string;
  /** what it is for, shown under the title */
  description: string;
  /** the public-library template to choose (title as searched for in 公共模板库) */
  library: string;
  /** who is asked for it */
  audience: readonly Role[];
  slots: readonly TemplateSlot[];
  /** the page the message opens */
  page: string;
  /** false: defined (and asked for) now, sent by a later feature */
  sentNow: boolean;
}

export const templates: Record<TemplateKey, TemplateDef> = {
  stationDaysShort: {
    key: 'stationDaysShort',
    title: '服务天数不足提醒',
    description: '季度末前您的服务天数仍不足时提醒您',
    library: '服务到期提醒 / 任务进度提醒',
    audience: ['expert'],
    slots: [
      { slot: 'thing1', label: '服务站名称', field: 'stationName' },
      { slot: 'number2', label: '已服务天数', field: 'days' },
      { slot: 'number3', label: '应服务天数', field: 'required' },
      { slot: 'date4', label: '截止日期', field: 'quarterEnd' },
      { slot: 'thing5', label: '备注', field: 'note' },
    ],
    page: '/packages/expert/pages/home/index',
    sentNow: true,
  },
  stationTeamShort: {
    key: 'stationTeamShort',
    title: '专家服务天数不足提醒',
    description: '季度末前服务站有专家服务天数不足时提醒学会',
    library: '任务进度提醒',
    audience: ['secretary'],
    slots: [
      { slot: 'thing1', label: '服务站名称', field: 'stationName' },
      { slot: 'number2', label: '人数', field: 'shortCount' },
      { slot: 'date3', label: '截止日期', field: 'quarterEnd' },
      { slot: 'thing4', label: '备注', field: 'note' },
    ],
    page: '/packages/secretary/pages/home/index',
    sentNow: true,
  },
  applicationReturned: {
    key: 'applicationReturned',
    title: '申报退回修改通知',
    description: '申报书被退回修改时通知您',
    library: '审核结果通知 / 申请退回通知',
    audience: ['secretary'],
    slots: [
      { slot: 'thing1', label: '项目名称', field: 'projectName' },
      { slot: 'thing2', label: '审核环节', field: 'stage' },
      { slot: 'thing3', label: '退回原因', field: 'comment' },
      { slot: 'date4', label: '退回时间', field: 'date' },
    ],
    page: '/packages/secretary/pages/home/index',
    sentNow: false,
  },
  applicationOutcome: {
    key: 'applicationOutcome',
    title: '申报结果通知',
    description: '申报书通过、未通过或授牌时通知您',
    library: '审核结果通知',
    audience: ['secretary'],
    slots: [
      { slot: 'thing1', label: '项目名称', field: 'projectName' },
      { slot: 'phrase2', label: '审核结果', field: 'result' },
      { slot: 'date3', label: '审核时间', field: 'date' },
      { slot: 'thing4', label: '备注', field: 'note' },
    ],
    page: '/packages/secretary/pages/home/index',
    sentNow: false,
  },
  postAwardCheckDue: {
    key: 'postAwardCheckDue',
    title: '项目检查验收提醒',
    description: '立项项目的检查、验收、年度考核材料到期前提醒您',
    library: '待办事项提醒',
    audience: ['secretary', 'hostContact'],
    slots: [
      { slot: 'thing1', label: '项目名称', field: 'projectName' },
      { slot: 'thing2', label: '待办事项', field: 'check' },
      { slot: 'date3', label: '截止日期', field: 'dueDate' },
      { slot: 'thing4', label: '备注', field: 'note' },
    ],
    // the sender opens the check itself (cloudfunctions/awards/actions/checks-reminders.ts)
    page: '/pages/awards/checks/index',
    sentNow: true,
  },
};

/** Every role some template is for (only they may record accepts). */
export const subscriberRoles: readonly Role[] = [...new Set(templateKeys.flatMap((k) => templates[k].audience))];

/** The deployment setting that holds a template's id (cloudfunctions/_kernel/env.ts reads it). */
export const templateEnvName = (key: TemplateKey) => `TEMPLATE_${key.toUpperCase()}`;

/** The templates a person with these roles is asked for (settings page, in this order). */
export const templatesFor = (roles: readonly Role[]): TemplateDef[] =>
  templateKeys.map((k) => templates[k]).filter((t) => t.audience.some((r) => roles.includes(r)));

const kindOf = (slot: string): SlotKind => (/^[a-z_]+?(?=\d)/.exec(slot)?.[0] ?? 'thing') as SlotKind;

/** One value as WeChat accepts it in a slot of this kind. */
export function slotValue(kind: SlotKind, value: string): string {
  const chars = [...value];
  switch (kind) {
    case 'thing':
      return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : value;
    case 'phrase':
      return chars.slice(0, 5).join('');
    case 'number':
      return value.replace(/[^\d.]/g, '').slice(0, 32) || '0';
    case 'character_string':
      return chars.slice(0, 32).join('');
    default:
      return value;
  }
}

/** The `data` of a message: our fields → the template's keyword slots. A missing field is a bug: it throws. */
export function templateData(key: TemplateKey, fields: Record<string, string | number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of templates[key].slots) {
    const v = fields[s.field];
    if (v === undefined) throw new Error(`template ${key}: field ${s.field} (${s.slot}) missing`);
    out[s.slot] = slotValue(kindOf(s.slot), String(v));
  }
  return out;
}
