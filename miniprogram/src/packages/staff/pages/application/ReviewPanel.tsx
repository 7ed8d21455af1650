import { Button, Text, Textarea, View } from '@tarojs/components';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { expectedOf, type PanelProps, type ReviewDraft } from './panel';

/** Pass / return with per-field comments / reject, with the 形式审查 checklist. */
export function ReviewPanel({ view, busy, act, draft, setDraft }: PanelProps & { draft: ReviewDraft; setDraft: (d: ReviewDraft) => void }) {
  const { comment, checked, returning, fieldComments } = draft;
  const review = (decision: 'pass' | 'return' | 'reject') =>
    act(decision === 'pass' ? '审核通过' : decision === 'return' ? '退回修改' : '不予通过', async () =>
      applicationsClient.review({
        applicationId: view.id,
        decision,
        comment,
        fieldComments: decision === 'return' ? Object.fromEntries(Object.entries(fieldComments).filter(([, t]) => t.trim())) : {},
        checklist: view.checklist.map((i) => ({ ...i, checked: Boolean(checked[i.itemId]) })),
        requestId: await newRequestId(),
        expected: expectedOf(view),
      }),
    );
  return (
    <View className="panel" id="review-panel">
      <Text className="subtitle">{view.stageLabel}</Text>
      {view.checklist.length > 0 && <Text className="field-label">形式审查清单</Text>}
      {view.checklist.map((i) => (
        <Text
          key={i.itemId}
          id={`check-${i.itemId}`}
          className={`tag choice ${checked[i.itemId] ? 'tag-green chosen' : ''}`}
          onClick={() => setDraft({ ...draft, checked: { ...checked, [i.itemId]: !checked[i.itemId] } })}
        >
          {checked[i.itemId] ? '☑ ' : '☐ '}
          {i.label}
        </Text>
      ))}
      {view.checklist.length > 0 && (
        <Text
          className="muted"
          id="check-all"
          onClick={() => setDraft({ ...draft, checked: Object.fromEntries(view.checklist.map((i) => [i.itemId, true])) })}
        >
          全部勾选
        </Text>
      )}
      <Textarea
        className="input textarea"
        id="review-comment"
        value={comment}
        placeholder="审核意见（退回或不予通过时必填）"
        onInput={(e) => setDraft({ ...draft, comment: e.detail.value })}
      />
      {!returning ? (
        <>
          <Button className={`btn${busy ? ' is-disabled' : ''}`} id="pass" onClick={() => void review('pass')}>
            审核通过
          </Button>
          <Button className="btn-plain" id="start-return" onClick={() => setDraft({ ...draft, returning: true })}>
            退回修改（可逐项写意见）
          </Button>
          <Button className={`btn-danger${busy ? ' is-disabled' : ''}`} id="reject" onClick={() => void review('reject')}>
            不予通过
          </Button>
        </>
      ) : (
        <>
          <View className="banner">
            <Text>在下方申报内容中，需要修改的项目下填写意见，然后点击“确认退回”。</Text>
          </View>
          <Button className={`btn${busy ? ' is-disabled' : ''}`} id="confirm-return" onClick={() => void review('return')}>
            确认退回
          </Button>
          <Button className="btn-plain" onClick={() => setDraft({ ...draft, returning: false })}>
            取消
          </Button>
        </>
      )}
    </View>
  );
}
