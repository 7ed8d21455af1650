import type { ApplicationView, PrecheckView } from '@shared/api/applications';
import { getForm } from '@shared/forms';
import { appliesToKind } from '@shared/programmes';
import type { Programme } from '@shared/programmes/schema';
import { materialCommentKey } from '@shared/rules/review-comments';
import { Text, View } from '@tarojs/components';
import { ApplicationHistory, ApplicationStages } from '../../../../components/ApplicationHistory';
import { FileLink } from '../../../../components/FileLink';
import { FormStep } from '../../../../components/FormStep';
import { FormStepFacts } from '../../../../components/FormStepFacts';
import { FieldComment } from '../../../../components/form/FieldComment';
import { CommentBox } from '../../../../components/review/CommentBox';
import { applicationsClient } from '../../../../services/applications';

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

/** The form steps shown to staff (opinion-only steps are printed, not shown). */
export const shownSteps = (formId: string) => getForm(formId)!.steps.filter((s) => s.fields.some((f) => f.type !== 'opinion'));

/**
 * What was submitted: stages, precheck, the filled form (with a comment box next to every field
 * while the reviewer may return it), the declared facts, the materials — each opens (FileLink) and
 * takes a comment — and the history.
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
  // not Object.hasOwn: missing before iOS 15.4 (test/builds/weapp-features.test.ts)
  // biome-ignore lint/suspicious/noPrototypeBuiltins: see above
  const declared = programme.facts.filter((f) => Object.prototype.hasOwnProperty.call(view.facts, f.id));
  const box = commenting
    ? {
        ...commenting,
        render: (key: string, label: string) => (
          <CommentBox commentKey={key} label={label} value={commenting.values[key] ?? ''} onChange={(t) => commenting.onChange(key, t)} />
        ),
      }
    : null;
  const materials = programme.materials.filter((m) => appliesToKind(m, view.kindId));
  return (
    <>
      <ApplicationStages stages={view.stages} />
      {pre && <Precheck pre={pre} />}

      <Text className="subtitle">申报内容</Text>
      {shownSteps(view.formId).map((s) => (
        <View key={s.id} id={`review-step-${s.id}`}>
          <Text className="field-label">{s.title}</Text>
          <FormStep step={s} values={view.values} readOnly comments={view.fieldComments} {...(box ? { commenting: box } : {})} />
        </View>
      ))}
      {declared.length > 0 && (
        <>
          <Text className="subtitle">申报条件自查</Text>
          <FormStepFacts facts={declared} answers={view.facts} readOnly />
        </>
      )}

      <View id="review-materials">
        <Text className="subtitle">申报材料</Text>
        {materials.map((m) => {
          const files = view.attachments.filter((a) => a.materialId === m.id);
          const key = materialCommentKey(m.id);
          const earlier = view.fieldComments[key];
          return (
            <View key={m.id} className="card" id={`material-${m.id}`} data-material={m.id}>
              <Text className="field-label">
                {m.label}
                {m.required ? <Text className="required-mark"> *</Text> : null}
              </Text>
              {files.length === 0 ? (
                <Text className={m.required ? 'error' : 'muted'}>{m.required ? '未上传（必需）' : '未上传'}</Text>
              ) : (
                files.map((a) => (
                  <FileLink
                    key={a.file.fileId}
                    name={a.file.name}
                    fileId={a.file.fileId}
                    open={(fileId) => applicationsClient.fileUrl({ fileId })}
                  />
                ))
              )}
              {earlier ? <FieldComment name={m.label} text={earlier} commentKey={key} /> : null}
              {commenting ? (
                <CommentBox
                  commentKey={key}
                  label={m.label}
                  value={commenting.values[key] ?? ''}
                  onChange={(t) => commenting.onChange(key, t)}
                />
              ) : null}
            </View>
          );
        })}
      </View>

      <ApplicationHistory history={view.history} />
    </>
  );
}
