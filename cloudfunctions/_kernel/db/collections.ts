import type { CollectionSpec } from './port';

/**
 * Every collection the product uses, with the fields it is queried by.
 * The SQLite adapter creates tables and indexes from this list; `scripts/build-functions.mjs`
 * writes the cloud's `database/collections.json` and index file from it, so the two never drift.
 */
export const collections: CollectionSpec[] = [
  { name: 'castUnits', description: '科协单位（市、县市区）', indexes: [{ fields: ['kind'] }] },
  { name: 'societies', description: '学会', indexes: [{ fields: ['castUnitId'] }] },
  { name: 'hostUnits', description: '建站单位', indexes: [{ fields: ['castUnitId'] }] },
  { name: 'persons', description: '人员', indexes: [] },
  {
    name: 'bindings',
    description: '身份绑定（OPENID ↔ 角色）',
    indexes: [{ fields: ['openid'] }, { fields: ['personId'] }, { fields: ['role', 'scope.societyId'] }],
  },
  { name: 'invites', description: '邀请码（一次性、限时）', indexes: [{ fields: ['createdBy'] }] },
  { name: 'openids', description: '一个微信账号只绑定一个人员的唯一约束（_id = OPENID）', indexes: [] },
  {
    name: 'stations',
    description: '学会服务站',
    indexes: [{ fields: ['castUnitId'] }, { fields: ['societyId'] }, { fields: ['hostUnitId'] }],
  },
  {
    name: 'records',
    description: '服务站工作记录（服务天数、培训、调研、攻关、难题、成果、协议进度）',
    indexes: [
      { fields: ['stationId', 'kind'] },
      { fields: ['authorId'] },
      { fields: ['expertId', 'date'] },
      { fields: ['stationId', 'status'] },
    ],
  },
  { name: 'dayLocks', description: '每位专家每天一条服务记录的唯一约束（_id = 专家:日期）', indexes: [] },
  {
    name: 'stationTallies',
    description: '服务站考核计数（按站、按考核年度，随每次写入在同一事务中更新）',
    indexes: [{ fields: ['stationId'] }, { fields: ['castUnitId', 'yearIndex'] }],
  },
  {
    name: 'subscriptions',
    description: '订阅消息次数（每个微信用户、每个模板：已同意、已发送）',
    indexes: [{ fields: ['openid'] }],
  },
  { name: 'requests', description: '幂等请求记录（重复请求返回首次结果）', indexes: [] },
  { name: 'audit', description: '审计日志（谁、何时、修改前后）', indexes: [{ fields: ['entity', 'entityId'] }, { fields: ['actorId'] }] },
  { name: 'rounds', description: '申报批次', indexes: [{ fields: ['programmeId'] }] },
  {
    name: 'programmeDefinitions',
    description: '安装的项目定义（每个项目按版本保存，安装后不再修改；批次记录其开始时的版本）',
    indexes: [{ fields: ['programmeId'] }],
  },
  {
    name: 'awards',
    description: '立项项目（获奖励、资助的申报）：核定金额、任务书、预算',
    indexes: [{ fields: ['castUnitId'] }, { fields: ['applicationId'] }, { fields: ['programmeId'] }],
  },
  {
    name: 'awardChecks',
    description: '项目检查、验收、年度考核',
    indexes: [{ fields: ['awardId'] }, { fields: ['castUnitId', 'status'] }],
  },
  {
    name: 'ledger',
    description: '资金台账（拨付、支出、退回，单位：分）',
    indexes: [{ fields: ['subject.id'] }, { fields: ['castUnitId'] }],
  },
  {
    name: 'consequences',
    description: '处理决定（确认、不予处理、解除）',
    indexes: [{ fields: ['subject.id'] }, { fields: ['castUnitId'] }],
  },
  {
    name: 'applications',
    description: '申报书',
    indexes: [
      { fields: ['roundId', 'status'] },
      { fields: ['createdBy'] },
      { fields: ['programmeId', 'status'] },
      { fields: ['applicant.societyId'] },
      { fields: ['applicant.hostUnitId'] },
      { fields: ['castUnitId', 'updatedAt'] },
    ],
  },
  {
    name: 'reviews',
    description: '审核意见、评审专家指派、评分表',
    indexes: [{ fields: ['applicationId'] }, { fields: ['type', 'reviewerId'] }],
  },
  { name: 'objections', description: '公示异议', indexes: [{ fields: ['applicationId'] }] },
  { name: 'applicationQuotas', description: '申报名额占用（每批次认定上限、每学会一站；与审批在同一事务中更新）', indexes: [] },
  {
    name: 'sanctions',
    description: '处理决定（弄虚作假、验收不合格等；据此在禁止期内取消申报资格）',
    indexes: [{ fields: ['subjectId', 'at'] }],
  },
  {
    name: 'outbox',
    description: '提醒消息（订阅消息；本地为发件箱）',
    indexes: [{ fields: ['personId'] }, { fields: ['kind', 'castUnitId', 'createdAt'] }, { fields: ['stationId'] }],
  },
  {
    name: 'files',
    description: '上传的文件（上传人、所属单位、类别、按内容识别的类型、存储中的大小、规范化的文件名）',
    indexes: [{ fields: ['ownerPersonId'] }],
  },
  { name: 'assessments', description: '年度考核结果', indexes: [{ fields: ['stationId'] }, { fields: ['yearIndex', 'castUnitId'] }] },
  { name: 'migrations', description: '结构迁移记录（哪个迁移、何时运行、升级了多少文档）', indexes: [] },
  { name: 'holidayYears', description: '工作人员录入的年度法定节假日和调休上班日（_id = 年份；替换日历库中该年的数据）', indexes: [] },
];

export const collectionNames = new Set(collections.map((c) => c.name));
