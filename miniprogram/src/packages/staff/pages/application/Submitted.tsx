import type { ApplicationView, PrecheckView } from '@shared/api/applications';
import { getForm } from '@shared/forms';
import { appliesToKind } from '@shared/programmes';
import type { Programme } from '@shared/programmes/schema';
import { Text, View } from '@tarojs/components';
import { ApplicationHistory, ApplicationStages } from '../../../../components/ApplicationHistory';
import { FormStep } from '../../../../components/FormStep';
import { FormStepAttachments } from '../../../../components/FormStepAttachments';
import { FormStepFacts } from '../../../../components/FormStepFacts';

/** The precheck of the conditions against the declared facts. */
function Precheck({ pre }: { pre: PrecheckView }) {
  return (
    <>
      <Text className="subtitle">申报条件核对</Text>
      <View className="card" id="precheck">
        {pre.eligibility.criteria.map((c) => (
          <View key={c.id} className="criterion" data-criterion={c.id} data-status={c.status}>
            <Text className={`tag ${c.status === 'met' ? 'tag-green' : c.status === 'not_met' ? 'tag-red' : 'tag-amber'}`}>
              {c.status === 'met' ? '符合' : c.status === 'not_met' ? '不符合' : '待核实'}
            </Text>
            <Text>{c.label}</Text>
            <Text className="muted">
              {' '}
              {c.reason}（{c.clause}）
            </Text>
          </View>
        ))}
        {pre.eligibility.vetoes.map((v) => (
          <View key={v.id} className="criterion" data-veto={v.id}>
            <Text className={`tag ${v.hit === true ? 'tag-red' : v.hit === false ? 'tag-green' : 'tag-amber'}`}>
              {v.hit === true ? '否决' : v.hit === false ? '无' : '待核实'}
            </Text>
            <Text>{v.label}</Text>
          </View>
        ))}
      </View>
    </>
  );
}

/**
 * What was submitted: stages, precheck, the filled form (with per-field comment boxes while the
 * reviewer is returning it), the declared facts, the materials and the history.
 */
export function Submitted({
  view,
  pre,
  programme,
  commenting,
}: {
  view: ApplicationView;
  pre: PrecheckView | null;
  programme: Programme;
  commenting: { values: Record<string, string>; onChange: (key: string, text: string) => void } | null;
}) {
  const form = getForm(view.formId)!;
  // not Object.hasOwn: missing before iOS 15.4 (test/builds/weapp-features.test.ts)
  // biome-ignore lint/suspicious/noPrototypeBuiltins: see above
  const declared = programme.facts.filter((f) => Object.prototype.hasOwnProperty.call(view.facts, f.id));
  return (
    <>
      <ApplicationStages stages={view.stages} />
      {pre && <Precheck pre={pre} />}

      <Text className="subtitle">申报内容</Text>
      {form.steps
        .filter((s) => s.fields.some((f) => f.type !== 'opinion'))
        .map((s) => (
          <View key={s.id}>
            <Text className="field-label">{s.title}</Text>
            <FormStep step={s} values={view.values} readOnly comments={view.fieldComments} {...(commenting ? { commenting } : {})} />
          </View>
        ))}
      {declared.length > 0 && (
        <>
          <Text className="subtitle">申报条件自查</Text>
          <FormStepFacts facts={declared} answers={view.facts} readOnly />
        </>
      )}

      <Text className="subtitle">申报材料</Text>
      <FormStepAttachments
        materials={programme.materials.filter((m) => appliesToKind(m, view.kindId))}
        attachments={view.attachments}
        readOnly
      />

      <ApplicationHistory history={view.history} />
    </>
  );
}
