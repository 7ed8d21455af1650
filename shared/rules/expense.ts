import { expenseCategories, isExpenseCategoryId } from '../programmes/expense-categories';
import type { Programme } from '../programmes/schema';

export interface ExpenseCheck {
  allowed: boolean;
  /** Chinese */
  reason: string;
  /** the clause that decides; empty for an unknown category */
  clause: string;
}

/**
 * May the programme's funds pay for this category? Forbidden wins over allowed (a category a seed
 * names on both sides is forbidden). A category neither list names is not allowed: every seed limits
 * spending to what it lists or to what is directly related, so staff must decide it by hand.
 */
export function checkExpense(programme: Programme, categoryId: string): ExpenseCheck {
  if (!isExpenseCategoryId(categoryId)) return { allowed: false, reason: `未知的开支类别：${categoryId}`, clause: '' };
  const name = expenseCategories[categoryId];
  if (!programme.expenses) return { allowed: false, reason: '本项目不设资助资金，没有开支范围', clause: '' };
  const { allowed, forbidden } = programme.expenses;
  if ((forbidden.ids as string[]).includes(categoryId)) {
    return { allowed: false, reason: `专项资金不得用于${name}（${forbidden.clause}）`, clause: forbidden.clause };
  }
  if ((allowed.ids as string[]).includes(categoryId)) {
    return { allowed: true, reason: `${name}属于专项资金开支范围（${allowed.clause}）`, clause: allowed.clause };
  }
  return {
    allowed: false,
    reason: `${name}未列入本项目的开支范围（${allowed.clause}），如确与项目直接相关，须报市科协审核同意`,
    clause: allowed.clause,
  };
}
