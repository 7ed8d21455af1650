import type { FormDefinition, FormField } from '../../../shared/forms';
import { inputFields } from '../../../shared/forms';

/** A value every validator accepts for this field, chosen to be realistic. */
export function validValue(field: FormField): unknown {
  switch (field.type) {
    case 'text':
      return '益阳市农学会';
    case 'textarea':
      return '围绕现代农业开展技术指导与人才培养。';
    case 'mobile':
      return '13907371234';
    case 'phone':
      return '0737-4221234-801';
    case 'fax':
      return '0737-4221235';
    case 'email':
      return 'kexie@yiyang.gov.cn';
    case 'postcode':
      return '413000';
    case 'qq':
      return '123456789';
    case 'wechat':
      return 'yiyang_kx2023';
    case 'qqOrWechat':
      return '123456789';
    case 'date':
      return '2023-10-08';
    case 'select':
      return field.options?.[0]?.value;
    case 'multiselect':
      return [field.options?.[0]?.value];
    case 'integer':
      return field.min ?? 0;
    case 'yuan':
      return Math.min(field.max ?? 10_000, 10_000);
    case 'percent':
      return 50;
    case 'opinion':
      return undefined;
  }
}

/** Every input field filled with a valid value; totals made to add up. */
export function filled(def: FormDefinition): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { field } of inputFields(def)) values[field.key] = validValue(field);
  for (const { field } of inputFields(def)) {
    if (field.sumOf) values[field.key] = field.sumOf.reduce((sum, k) => sum + (values[k] as number), 0);
  }
  return values;
}

/** A one-step form holding just this field, for testing a field type in isolation. */
export function formWith(...fields: FormField[]): FormDefinition {
  return {
    id: 'test-programme/test-kind',
    title: '测试表单',
    source: { seed: 'test', origin: 'derived' },
    steps: [{ id: 'only', title: '唯一步骤', fields }],
  };
}
