import Taro from '@tarojs/taro';

/**
 * The one confirmation of an irreversible step (issue 15, finding 10: 审核通过 passed on one tap):
 * says what happens and that it cannot be undone; resolves true only on the explicit confirm.
 */
export async function confirmIrreversible(opts: { title: string; what: string; confirmText: string; danger?: boolean }): Promise<boolean> {
  const res = await Taro.showModal({
    title: opts.title,
    content: `${opts.what}\n此操作提交后不能撤销。`,
    confirmText: opts.confirmText.slice(0, 4),
    cancelText: '再想想',
    confirmColor: opts.danger ? '#c0392b' : '#1a7f37',
  });
  return res.confirm;
}
