/**
 * The workflow's actions and their Chinese names, in a module of their own so the mini-program can
 * name history steps without bundling the workflow engine and its working-day calendar.
 */
export const workflowActionTypes = [
  'submit',
  'resubmit',
  'pass',
  'return',
  'reject',
  'withdraw',
  'startPublicity',
  'endPublicity',
  'award',
] as const;
export type WorkflowActionType = (typeof workflowActionTypes)[number];
export const workflowActionLabels: Record<WorkflowActionType, string> = {
  submit: '提交申报',
  resubmit: '修改后重新提交',
  pass: '审核通过',
  return: '退回修改',
  reject: '不予通过',
  withdraw: '撤回申报',
  startPublicity: '开始公示',
  endPublicity: '结束公示',
  award: '授牌（立项）',
};
