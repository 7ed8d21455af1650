import { type FormField, fieldName, type FormStep as Step } from '@shared/forms/types';
import type { DateRange } from '@shared/rules/form-navigation';
import { FORM_DATE_MAX, FORM_DATE_MIN } from '@shared/schemas/common';
import { Input, Text, View } from '@tarojs/components';
import { CountedText } from './form/CountedText';
import { DateField } from './form/DateField';
import { FieldComment } from './form/FieldComment';
import './FormStep.css';

/**
 * One step of an application form, generated from the form definition (shared/forms): the seed's
 * captions, help text, required marks, choices as tappable options (friendlier than a picker on a
 * phone and in a browser test). Values are kept as typed — a half-typed number stays as text until
 * it is a number — and saved by the draft store.
 */
export interface FormStepProps {
  step: Step;
  values: Readonly<Record<string, unknown>>;
  onChange?: (key: string, value: unknown) => void;
  /** format problems, by field key */
  errors?: Readonly<Record<string, string>>;
  /** reviewer comments per field (returned for revision), by field key */
  comments?: Readonly<Record<string, string>>;
  readOnly?: boolean;
  /** staff returning an application: a comment box under every field */
  commenting?: {
    values: Readonly<Record<string, string>>;
    onChange: (key: string, text: string) => void;
    /** the review workspace's own comment box next to the field (components/review/CommentBox) */
    render?: (key: string, label: string) => JSX.Element;
  };
  /** the range a date field's picker offers (shared/rules/form-navigation.ts dateRange) */
  dateRangeOf?: (field: FormField) => DateRange;
}

const defaultMax = { text: 100, textarea: 2000 } as const;
const anyDate = (today: string): DateRange => ({ start: FORM_DATE_MIN, end: FORM_DATE_MAX, initial: today });
/** Today in China time (UTC+8), YYYY-MM-DD. */
const todayText = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const numeric = new Set(['integer', 'number', 'yuan', 'percent']);

/** What the person typed, as the value to keep: numbers once they are numbers, null when cleared. */
export function inputValue(field: FormField, raw: string): unknown {
  if (!numeric.has(field.type)) return raw;
  const t = raw.trim();
  if (t === '') return null;
  // a decimal field (type number) keeps decimals; the others whole numbers (to-zod checks the step)
  return (field.type === 'number' ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(t) ? Number(t) : raw;
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const placeholders: Partial<Record<FormField['type'], string>> = {
  mobile: '11 位手机号',
  phone: '例如 0737-4221234',
  fax: '例如 0737-4221235',
  email: '例如 name@example.com',
  postcode: '6 位数字',
  qq: 'QQ 号',
  wechat: '微信号',
  qqOrWechat: 'QQ 号或微信号',
  integer: '整数',
  number: '数字，可含小数',
  yuan: '整数（元）',
  percent: '0–100 的整数',
};

function Choice({
  field,
  value,
  onPick,
  readOnly,
  error,
}: {
  field: FormField;
  value: unknown;
  onPick: (v: unknown) => void;
  readOnly: boolean;
  error?: string | undefined;
}) {
  const multi = field.type === 'multiselect';
  const chosen = new Set(multi ? (Array.isArray(value) ? value.map(String) : []) : typeof value === 'string' && value ? [value] : []);
  return (
    <View className={`choices ${error ? 'choices-error' : ''}`}>
      {(field.options ?? []).map((o) => (
        <Text
          key={o.value}
          className={`tag choice ${chosen.has(o.value) ? 'tag-green chosen' : ''}`}
          data-option={o.value}
          onClick={() => {
            if (readOnly) return;
            if (!multi) return onPick(chosen.has(o.value) ? '' : o.value);
            const next = new Set(chosen);
            if (next.has(o.value)) next.delete(o.value);
            else next.add(o.value);
            onPick((field.options ?? []).map((x) => x.value).filter((v) => next.has(v)));
          }}
        >
          {chosen.has(o.value) ? '☑ ' : '☐ '}
          {o.label}
        </Text>
      ))}
    </View>
  );
}

export function FieldInput({
  field,
  values,
  onChange,
  error,
  comment,
  readOnly = false,
  commenting,
  dateRange,
}: {
  field: FormField;
  values: Readonly<Record<string, unknown>>;
  onChange?: (key: string, value: unknown) => void;
  error?: string | undefined;
  comment?: string | undefined;
  readOnly?: boolean;
  commenting?: FormStepProps['commenting'];
  dateRange?: DateRange | undefined;
}) {
  const value = values[field.mirrorOf ?? field.key];
  const set = (v: unknown) => onChange?.(field.key, v);
  let body: JSX.Element;
  if (field.type === 'opinion') {
    body = <Text className="muted">此栏在打印的申报书上由相关单位填写意见、盖章并注明日期</Text>;
  } else if (field.mirrorOf) {
    body = <Text className="muted">{shown(value) || '（与封面相同，自动填入）'}</Text>;
  } else if (field.type === 'select' || field.type === 'multiselect') {
    body = <Choice field={field} value={value} onPick={set} readOnly={readOnly} error={error} />;
  } else if (readOnly) {
    body = <Text className="value">{shown(value) || '—'}</Text>;
  } else if (field.type === 'date') {
    const r = dateRange ?? anyDate(todayText());
    body = (
      <DateField
        id={`date-${field.key}`}
        value={shown(value)}
        start={r.start}
        end={r.end}
        initial={r.initial}
        error={error}
        onPick={(d) => set(d)}
      />
    );
  } else if (field.type === 'textarea' || field.type === 'text') {
    body = (
      <CountedText
        id={`text-${field.key}`}
        value={shown(value)}
        max={field.maxLength ?? defaultMax[field.type]}
        multiline={field.type === 'textarea'}
        placeholder={field.type === 'textarea' ? (field.help ?? '') : (placeholders[field.type] ?? '')}
        error={error}
        onText={(t) => set(t)}
      />
    );
  } else {
    body = (
      <Input
        className={`input ${error ? 'input-error' : ''}`}
        value={shown(value)}
        type={field.type === 'number' ? 'digit' : numeric.has(field.type) || field.type === 'mobile' ? 'number' : 'text'}
        maxlength={field.maxLength ?? 200}
        placeholder={placeholders[field.type] ?? ''}
        onInput={(e) => set(inputValue(field, e.detail.value))}
      />
    );
  }
  return (
    <View
      className={`form-field ${comment ? 'has-comment' : ''} ${error ? 'has-error' : ''}`}
      id={`field-${field.key}`}
      data-field={field.key}
      data-error={error ? 'yes' : 'no'}
    >
      {comment ? <FieldComment name={fieldName(field)} text={comment} commentKey={field.key} /> : null}
      <Text className="field-label">
        {field.label}
        {field.required && !readOnly ? <Text className="required"> *</Text> : null}
      </Text>
      {field.help && field.type !== 'textarea' && !readOnly ? <Text className="muted field-help">{field.help}</Text> : null}
      {body}
      {field.sumOf && !readOnly ? (
        <Text className="muted">
          各分项之和：{field.sumOf.reduce((s, k) => s + (typeof values[k] === 'number' ? (values[k] as number) : 0), 0)} 元
        </Text>
      ) : null}
      {error ? (
        <Text className="error field-error" data-field-error={field.key}>
          {error}
        </Text>
      ) : null}
      {commenting?.render && field.type !== 'opinion' && !field.mirrorOf ? (
        commenting.render(field.key, field.name ?? field.label)
      ) : commenting && field.type !== 'opinion' && !field.mirrorOf ? (
        <Input
          className="input comment-input"
          id={`comment-${field.key}`}
          value={commenting.values[field.key] ?? ''}
          placeholder="对此项的修改意见（选填）"
          onInput={(e) => commenting.onChange(field.key, e.detail.value)}
        />
      ) : null}
    </View>
  );
}

export function FormStep({ step, values, onChange, errors = {}, comments = {}, readOnly = false, commenting, dateRangeOf }: FormStepProps) {
  let group: string | undefined;
  return (
    <View className="form-step" id={`step-${step.id}`}>
      {step.fields.map((field) => {
        const header = field.group && field.group !== group && field.group !== step.title ? field.group : null;
        group = field.group;
        return (
          <View key={field.key}>
            {header ? <Text className="subtitle">{header}</Text> : null}
            <FieldInput
              field={field}
              values={values}
              {...(onChange ? { onChange } : {})}
              error={errors[field.key]}
              comment={comments[field.key]}
              readOnly={readOnly}
              {...(commenting ? { commenting } : {})}
              dateRange={field.type === 'date' ? dateRangeOf?.(field) : undefined}
            />
          </View>
        );
      })}
    </View>
  );
}
