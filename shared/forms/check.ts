import { allFields, type FormDefinition, type FormField, fieldName, takesInput } from './types';

const formIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
const keyPattern = /^[a-z][A-Za-z0-9]*$/;
const stepIdPattern = /^[a-z][A-Za-z0-9]*$/;

/**
 * What is wrong with a form definition, as Chinese sentences; empty when it is sound.
 * Definitions are data written by hand: this catches the slips (duplicate key, a select
 * without options, a total that points nowhere) before a person meets them on the phone.
 */
export function checkFormDefinition(def: FormDefinition): string[] {
  const problems: string[] = [];
  if (!formIdPattern.test(def.id)) problems.push(`表单编号「${def.id}」应为 programmeId/kindId`);
  if (def.title.trim() === '') problems.push('表单缺少标题');
  if (def.steps.length === 0) problems.push('表单没有任何步骤');

  const stepIds = new Set<string>();
  for (const step of def.steps) {
    if (!stepIdPattern.test(step.id)) problems.push(`步骤编号「${step.id}」格式不正确`);
    if (stepIds.has(step.id)) problems.push(`步骤编号「${step.id}」重复`);
    stepIds.add(step.id);
    if (step.fields.length === 0) problems.push(`步骤「${step.title}」没有字段`);
  }

  const placed = allFields(def);
  const byKey = new Map<string, FormField>();
  const names = new Set<string>();
  for (const { field } of placed) {
    if (!keyPattern.test(field.key)) problems.push(`字段键「${field.key}」应为英文 camelCase`);
    if (byKey.has(field.key)) problems.push(`字段键「${field.key}」重复`);
    byKey.set(field.key, field);
    const name = fieldName(field);
    if (names.has(name)) problems.push(`字段名称「${name}」重复，请用 name 区分`);
    names.add(name);
  }

  for (const { field } of placed) problems.push(...checkField(field, byKey));
  return problems;
}

function checkField(field: FormField, byKey: ReadonlyMap<string, FormField>): string[] {
  const p: string[] = [];
  const at = `字段「${field.key}」`;
  if (field.label.trim() === '' || /\s/.test(field.label)) p.push(`${at}的标签为空或含空白`);

  const choice = field.type === 'select' || field.type === 'multiselect';
  if (choice) {
    const values = (field.options ?? []).map((o) => o.value);
    if (values.length === 0) p.push(`${at}是选择题但没有选项`);
    if (new Set(values).size !== values.length) p.push(`${at}的选项值重复`);
  } else if (field.options !== undefined) p.push(`${at}不是选择题，不应有选项`);

  if (field.maxLength !== undefined) {
    if (field.type !== 'text' && field.type !== 'textarea') p.push(`${at}只有文字字段可设 maxLength`);
    if (!Number.isInteger(field.maxLength) || field.maxLength < 1) p.push(`${at}的 maxLength 应为正整数`);
  }
  if ((field.min !== undefined || field.max !== undefined) && field.type !== 'integer' && field.type !== 'yuan') {
    p.push(`${at}只有整数或金额字段可设上下限`);
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) p.push(`${at}的下限大于上限`);

  if (field.type === 'opinion' && field.required) p.push(`${at}是纸质意见栏，不能设为必填`);

  if (field.mirrorOf !== undefined) {
    const target = byKey.get(field.mirrorOf);
    if (target === undefined || !takesInput(target)) p.push(`${at}引用的字段「${field.mirrorOf}」不存在或不可填写`);
    else if (target.type !== field.type) p.push(`${at}与其引用字段类型不同`);
    if (field.required) p.push(`${at}是引用字段，不能设为必填`);
  }

  if (field.sumOf !== undefined) {
    if (field.type !== 'yuan') p.push(`${at}只有金额字段可作合计`);
    if (field.sumOf.length === 0) p.push(`${at}的合计项为空`);
    for (const k of field.sumOf) {
      const part = byKey.get(k);
      if (k === field.key || part === undefined || part.type !== 'yuan' || !takesInput(part)) {
        p.push(`${at}的合计项「${k}」不是可填写的金额字段`);
      }
    }
  }

  if (field.notBefore !== undefined) {
    const other = byKey.get(field.notBefore);
    if (field.type !== 'date' || other === undefined || other.type !== 'date' || other.key === field.key) {
      p.push(`${at}的 notBefore 应指向另一个日期字段`);
    }
  }
  if (field.help !== undefined && field.help.trim() === '') p.push(`${at}的说明为空`);
  return p;
}
