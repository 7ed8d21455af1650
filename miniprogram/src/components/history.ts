/** How an application's history names each step (applicant and staff pages alike). */
export const actionLabels: Record<string, string> = {
  created: '创建草稿',
  submit: '提交申报',
  resubmit: '修改后重新提交',
  pass: '审核通过',
  return: '退回修改',
  reject: '不予通过',
  withdraw: '撤回申报',
  skipped: '跳过环节',
  startPublicity: '开始公示',
  endPublicity: '公示结束',
  award: '授牌（立项）',
  assignReviewers: '指派评审专家',
  score: '专家评分',
  objection: '登记异议',
  objectionResolved: '异议处理',
};
