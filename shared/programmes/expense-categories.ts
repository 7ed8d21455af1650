/**
 * Expense categories named by the seeds, with stable ids. A programme lists which of these it allows
 * and which it forbids; the labels are the seeds' own words (several seeds name the same thing
 * slightly differently — the label keeps the common wording, the programme names its clause).
 */
export const expenseCategories = {
  // ── spending the seeds allow ──
  'expert-travel': '专家差旅费',
  travel: '差旅费',
  transport: '交通费',
  'transport-rental': '交通租赁费',
  consulting: '咨询费（咨询服务）',
  'review-consulting': '评审咨询费',
  meeting: '会议费（会务费）',
  training: '培训费',
  'technical-service': '技术服务费',
  'exchange-cooperation': '科技交流与合作费',
  'books-materials': '书籍资料费',
  'printing-publication': '资料费（论文集、出版印刷、资料印刷购置）',
  'research-survey': '调研经费',
  'speaker-fees': '特邀报告人授课费',
  'other-project-costs': '项目活动中发生的其他费用',
  'capability-work': '提升学会服务能力的业务工作支出',
  'party-building': '学会党建活动',
  'academic-activities': '学术交流活动',
  'science-popularisation': '科普活动',
  'government-commissioned': '承接政府委托项目',
  'innovation-activities': '双创活动',
  'project-operation': '保证项目运行的支出',
  // ── spending the seeds forbid ──
  personnel: '人员经费',
  wages: '人员工资',
  welfare: '福利',
  bonuses: '个人奖金',
  'overseas-travel': '因公出国（境）费用',
  'official-reception': '公务接待',
  'official-vehicles': '公务用车购置及运行维护费',
  'building-works': '土建工程、基建',
  'equipment-repair': '办公设备设施的维修改造',
  'management-fees': '组织、协调等管理性费用',
  'daily-office': '日常办公经费',
  fines: '罚款',
  'loan-repayment': '还贷',
  donations: '捐赠（捐款）',
  sponsorship: '赞助',
  investment: '对外投资',
  'external-lending': '对外借款',
  'financial-discipline': '其他违反财经纪律的用途',
  unrelated: '与本项目无关的其他支出（挪作他用）',
} as const satisfies Record<string, string>;

export type ExpenseCategoryId = keyof typeof expenseCategories;
export const expenseCategoryIds = Object.keys(expenseCategories) as ExpenseCategoryId[];

export function isExpenseCategoryId(id: string): id is ExpenseCategoryId {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is missing on older WeChat clients
  return Object.prototype.hasOwnProperty.call(expenseCategories, id);
}
