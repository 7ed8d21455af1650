/**
 * The closed set of error codes every function answers with, and the Chinese message a person sees.
 * Answers are `{ ok: true, data } | { ok: false, error: { code, message, issues? } }` (DESIGN.md).
 */
export const errorMessages = {
  'AUTH.UNAUTHENTICATED': '未能识别您的身份，请在微信中重新打开小程序',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'INPUT.INVALID': '填写的内容有误，请检查标红的项目',
  'ACTION.UNKNOWN': '不支持的操作',
  'INVITE.NOT_FOUND': '邀请码不存在，请核对后重新输入',
  'INVITE.EXPIRED': '邀请码已过期，请向科协重新索取',
  'INVITE.USED': '邀请码已被使用',
  'BINDING.NOT_FOUND': '找不到该身份绑定',
  'BINDING.ALREADY_REVOKED': '该身份绑定已被撤销',
  NOT_FOUND: '找不到相关记录',
  'CONFLICT.VERSION': '内容已在其他设备上修改，请刷新后再保存',
  'CONFLICT.STATE': '该事项的状态已经变化，请刷新后重试',
  'STATION.NOT_MEMBER': '您不是该服务站专家团队成员，不能为其登记',
  'STATION.DAY_ALREADY_LOGGED': '该日期已登记过服务天数',
  'STATION.DATE_IN_FUTURE': '不能登记未来的日期',
  'STATION.DATE_BEFORE_PLAQUE': '日期早于服务站授牌日期',
  'STATION.OUTSIDE_BACKFILL_WINDOW': '已超过补登期限',
  'STATION.ENTRY_LOCKED': '该记录已确认，只能由科协工作人员更正',
  'STATION.NOT_HOST_CONTACT': '只有该服务站建站单位联系人可以确认',
  'STATION.PERIOD_CLOSED': '该记录所属考核期已结束，记录已冻结，只能由科协工作人员更正',
  'APPLICATION.INELIGIBLE': '不符合申报条件',
  'APPLICATION.VETO': '存在一票否决情形，不能提交',
  'APPLICATION.MISSING_MATERIAL': '缺少必需的申报材料',
  'APPLICATION.ILLEGAL_TRANSITION': '当前状态下不能进行此操作',
  'APPLICATION.CONFLICT_OF_INTEREST': '评审专家与申报单位存在利益关系，已自动回避',
  'APPLICATION.PUBLICITY_NOT_OVER': '公示期尚未结束',
  'APPLICATION.OBJECTION_OPEN': '尚有未处理的异议',
  'APPLICATION.ROUND_LIMIT': '已达到本批次认定数量上限',
  'APPLICATION.ROUND_CLOSED': '该批次不在申报时间内',
  /** org.saveRound: a city opens rounds only of the programmes it enables (org.setProgrammeEnabled) */
  'ROUND.PROGRAMME_NOT_ENABLED': '本市尚未启用该项目，请先启用后再开启申报批次',
  'APPLICATION.REVIEW_INCOMPLETE': '本环节的审查尚未完成（审查清单或专家评分未完成）',
  'APPLICATION.SCORE_REQUIRED': '本环节须先评分（满分 100 分）才能审核通过',
  /** awards (issue 14): the application is not awarded, or is a station (stations have their own lifecycle) */
  'AWARD.NOT_AWARDED': '该申报尚未获得立项（授予），没有项目执行档案',
  'AWARD.STEP_NOT_ALLOWED': '项目当前状态下不能进行此操作',
  'AWARD.AMOUNT_REFUSED': '核定金额不符合该类别的资助规定',
  'AWARD.AGREEMENT_INCOMPLETE': '任务书尚有未填写完整的部分',
  'AWARD.BUDGET_REFUSED': '预算不符合专项资金管理规定，请按标红的行修改',
  'CONTENT.RISKY': '内容含有不适宜发布的信息，请修改后再提交',
  /** retryable: the content check could not answer; publication waits, nothing typed is lost */
  'CONTENT.CHECK_UNAVAILABLE': '内容安全检查暂时不可用，请稍后再提交；已填写的内容已保存',
  /** the money ledger (issue 14): the message names the payment, line or clause */
  'LEDGER.NOT_DUE': '该款项当前不能拨付',
  'LEDGER.OVER_DUE': '拨付金额超过应拨付金额',
  'LEDGER.CATEGORY_REFUSED': '该开支类别不在本项目的开支范围内',
  'LEDGER.OVER_BUDGET_LINE': '支出金额超过该预算科目的批复金额',
  'LEDGER.NO_BUDGET': '预算尚未批复，不能报销支出',
  'LEDGER.OVER_REFUND': '退回金额超过应退回金额',
  'LEDGER.ALREADY_REVERSED': '该笔记录已冲销',
  /** post-award checks (issue 14): the message names what is missing or why the step is closed */
  'CHECK.STEP_NOT_ALLOWED': '检查当前状态下不能进行此操作',
  'CHECK.MISSING_MATERIAL': '缺少必需的检查材料',
  'CHECK.OPINION_MISSING': '尚有意见未出具，不能作出结论',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

/** Shown (with AUTH.FORBIDDEN) to a caller who has no binding at all. */
export const notBoundMessage = '您还没有绑定身份，请向所在科协索取邀请码';

export type ErrorCode = keyof typeof errorMessages;

export interface FieldIssue {
  /** dotted path of the field, e.g. "values.contactMobile" */
  path: string;
  message: string;
}
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** extra, safe-to-show details (e.g. the existing entry a duplicate collides with) */
  details?: Record<string, unknown>;
}
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** An expected failure: thrown by handlers, answered as an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message ?? errorMessages[code]);
    this.name = 'AppError';
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const isErrorCode = (s: unknown): s is ErrorCode => typeof s === 'string' && s in errorMessages;

/**
 * Answers that say "not now" rather than "no": the same request (same request id) may be sent again
 * later — a server hiccup, or the content check being unavailable (publication waits; the text stays
 * on the phone).
 */
export const isRetryable = (code: string): boolean => code === 'INTERNAL' || code === 'CONTENT.CHECK_UNAVAILABLE';
