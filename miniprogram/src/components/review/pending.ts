import type { PendingKind } from '@shared/api/applications';

/** Chinese names of pending work (the queue's tags, the staff home's counts); kinds decided by shared/rules/permissions.ts pendingOf. */
export const pendingKindLabels: Record<PendingKind, string> = {
  review: '待我审核',
  assign: '待分配评审专家',
  score: '待我评分',
  publicity: '待公示处理',
  award: '待授牌',
};
export const pendingKinds: PendingKind[] = ['review', 'assign', 'score', 'publicity', 'award'];
