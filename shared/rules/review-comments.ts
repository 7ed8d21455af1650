import type { Programme, Stage } from '../programmes/schema';
import { MATERIAL_COMMENT_PREFIX } from '../schemas/application';
import { materialsOf } from './materials';

/**
 * The review workspace's decisions (issue 15, findings 9 and 10):
 *  - what a reviewer's comment may be attached to: a field of the application's form, or one of the
 *    materials the programme lists for the kind (`material:<materialId>`, e.g. 请上传盖章版);
 *  - the name a comment is shown under (the field's name, or the material's label);
 *  - whether passing the stage needs a 100-point score sheet first.
 */

export { MATERIAL_COMMENT_PREFIX };

/** The comment key of a material: `material:<materialId>`. */
export const materialCommentKey = (materialId: string): string => `${MATERIAL_COMMENT_PREFIX}${materialId}`;

/** The material id of a comment key, or null when the key is a form field's. */
export function materialIdOfCommentKey(key: string): string | null {
  return key.startsWith(MATERIAL_COMMENT_PREFIX) ? key.slice(MATERIAL_COMMENT_PREFIX.length) : null;
}

/** Comment keys that name neither a field of the form nor a material of the kind (the review refuses them). */
export function unknownCommentKeys(
  programme: Programme,
  kindId: string,
  fieldKeys: ReadonlySet<string>,
  commentKeys: readonly string[],
): { key: string; message: string }[] {
  const materials = new Set(materialsOf(programme, kindId).map((m) => m.id));
  const out: { key: string; message: string }[] = [];
  for (const key of commentKeys) {
    const materialId = materialIdOfCommentKey(key);
    if (materialId === null) {
      if (!fieldKeys.has(key)) out.push({ key, message: '申报书中没有这个项目' });
    } else if (!materials.has(materialId)) {
      out.push({ key, message: '本项目的申报材料中没有这一项' });
    }
  }
  return out;
}

/** The name a comment is listed under: 「项目名」 or 「材料：标签」 (the key itself when neither is known). */
export function commentLabel(programme: Programme, kindId: string, fieldLabels: ReadonlyMap<string, string>, key: string): string {
  const materialId = materialIdOfCommentKey(key);
  if (materialId === null) return fieldLabels.get(key) ?? key;
  const m = materialsOf(programme, kindId).find((x) => x.id === materialId);
  return `材料「${m?.label ?? materialId}」`;
}

/**
 * A stage staff score themselves with the programme's 100-point rubric (the rubric's stage, not
 * scored by assigned reviewers): passing it needs at least one score sheet of that stage first.
 * Reviewer-scored stages have their own rule (every assigned reviewer's sheet, stage-completion.ts).
 */
export function stageNeedsStaffScore(programme: Programme, stage: Pick<Stage, 'id' | 'scoredBy'> | null): boolean {
  return stage !== null && programme.rubric.stageId === stage.id && stage.scoredBy !== 'reviewer';
}

/** The refusal when such a stage is passed without a score sheet (code APPLICATION.SCORE_REQUIRED). */
export const scoreRequiredMessage = (stageLabel: string, total = 100) =>
  `「${stageLabel}」须先按评分细则评分（满分 ${total} 分）并提交，才能审核通过`;
