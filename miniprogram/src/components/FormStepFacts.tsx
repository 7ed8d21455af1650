import type { FactValue } from '@shared/api/applications';
import type { Fact } from '@shared/programmes/schema';
import { Input, Text, View } from '@tarojs/components';

/**
 * 申报条件自查: the programme's facts the applicant answers (the definition's own labels), the ones
 * not read off the organisation's records or the form. Eligibility and veto items are decided from
 * these answers by the rules; nothing here decides anything.
 */
export function FormStepFacts({
  facts,
  answers,
  onChange,
  readOnly = false,
}: {
  facts: readonly Fact[];
  answers: Readonly<Record<string, FactValue>>;
  onChange?: (id: string, value: FactValue | undefined) => void;
  readOnly?: boolean;
}) {
  const set = (id: string, v: FactValue | undefined) => {
    if (!readOnly) onChange?.(id, v);
  };
  return (
    <View className="form-step" id="step-facts">
      <Text className="muted">请如实回答以下问题，系统据此核对申报条件和一票否决事项。</Text>
      {facts.map((f) => {
        const v = answers[f.id];
        // not Object.hasOwn: missing before iOS 15.4 (test/builds/weapp-features.test.ts)
        // biome-ignore lint/suspicious/noPrototypeBuiltins: see above
        const has = Object.prototype.hasOwnProperty.call(answers, f.id);
        const chip = (label: string, value: FactValue, key: string) => (
          <Text
            key={key}
            className={`tag choice ${has && v === value ? 'tag-green chosen' : ''}`}
            data-option={key}
            onClick={() => set(f.id, has && v === value ? undefined : value)}
          >
            {has && v === value ? '☑ ' : '☐ '}
            {label}
          </Text>
        );
        let body: JSX.Element;
        if (f.type === 'boolean') body = <View className="choices">{[chip('是', true, 'yes'), chip('否', false, 'no')]}</View>;
        else if (f.type === 'string' && f.options)
          body = <View className="choices">{f.options.map((o) => chip(o.label, o.value, o.value))}</View>;
        else if (f.type === 'number')
          body = (
            <View className="row-inline">
              <Input
                className="input"
                type="number"
                value={typeof v === 'number' ? String(v) : ''}
                placeholder="请填写数字"
                disabled={readOnly}
                onInput={(e) => {
                  const t = e.detail.value.trim();
                  set(f.id, t === '' ? undefined : /^\d+$/.test(t) ? Number(t) : undefined);
                }}
              />
              {f.unit ? <Text className="muted"> {f.unit}</Text> : null}
            </View>
          );
        else if (f.type === 'date')
          body = (
            <View>
              <Input
                className="input"
                value={typeof v === 'string' ? v : ''}
                placeholder="YYYY-MM-DD"
                disabled={readOnly}
                onInput={(e) => set(f.id, e.detail.value.trim() === '' ? undefined : e.detail.value.trim())}
              />
              <View className="choices">{chip('无（从未发生）', null, 'none')}</View>
            </View>
          );
        else
          body = (
            <Input
              className="input"
              value={typeof v === 'string' ? v : ''}
              disabled={readOnly}
              onInput={(e) => set(f.id, e.detail.value.trim() || undefined)}
            />
          );
        return (
          <View key={f.id} className="form-field" id={`fact-${f.id}`} data-fact={f.id}>
            <Text className="field-label">{f.label}</Text>
            {f.note ? <Text className="muted field-help">{f.note}</Text> : null}
            {body}
          </View>
        );
      })}
    </View>
  );
}
