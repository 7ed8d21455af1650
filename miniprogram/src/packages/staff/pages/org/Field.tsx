import type { StepIssues } from '@shared/rules/form-navigation';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { ErrorSummary } from '../../../../components/form/ErrorSummary';
import type { FieldErrors } from '../../../../hooks/useAction';
import '../../../../components/FormStep.css';
import '../../../../components/form/form.css';
import './org.css';

/** A field key as a DOM id part (`location.lat` → `location-lat`: a dot would read as a class in a selector). */
export const domId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '-');

/** One labelled field of the staff organisation forms, red with its server (or local) error under it. */
export function Field({
  id,
  label,
  required,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <View className={`form-field ${error ? 'has-error' : ''}`} id={`f-${domId(id)}`} data-field={id} data-error={error ?? ''}>
      <Text className="field-label">
        {label}
        {required ? <Text className="required"> *</Text> : null}
      </Text>
      {hint ? <Text className="muted field-help">{hint}</Text> : null}
      {children}
      <ErrorText message={error} />
    </View>
  );
}

/** A text input inside a Field: its value is the form's (typed text is never dropped by a failed save). */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  required,
  placeholder,
  type = 'text',
  maxlength,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  hint?: string;
}) {
  return (
    <Field id={id} label={label} required={required ?? false} error={error} {...(hint ? { hint } : {})}>
      <Input
        className={`input ${error ? 'input-error' : ''}`}
        id={`in-${domId(id)}`}
        type={type}
        value={value}
        placeholder={placeholder ?? ''}
        maxlength={maxlength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  );
}

/** The marked fields as one summary above the form, each tappable to scroll to its field. */
export function FieldSummary({ errors, labels, title }: { errors: FieldErrors; labels: Record<string, string>; title: string }) {
  const issues = Object.entries(errors).map(([key, message]) => ({
    stepId: 'form',
    fieldKey: key,
    label: labels[key] ?? '',
    message: labels[key] ? `${labels[key]}：${message}` : message,
  }));
  const groups: StepIssues[] = issues.length ? [{ stepId: 'form', title, issues }] : [];
  return (
    <ErrorSummary
      groups={groups}
      title="保存未成功，请修改："
      onJump={(_, key) => {
        if (key) void Taro.pageScrollTo({ selector: `#f-${domId(key)}`, duration: 200 }).catch(() => undefined);
      }}
    />
  );
}
