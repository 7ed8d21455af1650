import { Text, Textarea, View } from '@tarojs/components';
import type { ReviewDraft } from '../../../../components/review/comment-draft';
import type { PanelProps } from './panel';

/**
 * The stage's review: the 形式审查 checklist, the general comment (multi-line) and — when the stage
 * asks for a 100-point score — a marker that the score is required. The decisions themselves are in
 * the sticky action bar (components/review/ReviewActionBar); comments per field sit next to the fields.
 */
export function ReviewPanel({
  view,
  draft,
  setDraft,
  scoreMissing,
}: Pick<PanelProps, 'view'> & { draft: ReviewDraft; setDraft: (d: ReviewDraft) => void; scoreMissing: boolean }) {
  const { comment, checked } = draft;
  return (
    <View className="panel" id="review-panel">
      <Text className="subtitle">{view.stageLabel}</Text>
      {view.scoreRequired && (
        <View className={scoreMissing ? 'banner' : ''} id="score-required">
          <Text>
            <Text className="required-mark">* </Text>本环节须按评分细则评分（满分 {view.rubric?.total ?? 100} 分）
            {scoreMissing ? '：尚未评分，评分后才能审核通过。请先在下方“评分”中打分并提交。' : '：已评分。'}
          </Text>
        </View>
      )}
      {view.checklist.length > 0 && <Text className="field-label">形式审查清单</Text>}
      {view.checklist.map((i) => (
        <Text
          key={i.itemId}
          id={`check-${i.itemId}`}
          className={`tag choice ${checked[i.itemId] ? 'tag-green chosen' : ''}`}
          onClick={() => setDraft({ ...draft, checked: { ...checked, [i.itemId]: !checked[i.itemId] }, savedAt: Date.now() })}
        >
          {checked[i.itemId] ? '☑ ' : '☐ '}
          {i.label}
        </Text>
      ))}
      {view.checklist.length > 0 && (
        <Text
          className="muted"
          id="check-all"
          onClick={() =>
            setDraft({ ...draft, checked: Object.fromEntries(view.checklist.map((i) => [i.itemId, true])), savedAt: Date.now() })
          }
        >
          全部勾选
        </Text>
      )}
      <Text className="field-label">总体审核意见</Text>
      <Textarea
        className="input textarea"
        id="review-comment"
        value={comment}
        maxlength={2000}
        autoHeight
        placeholder="审核意见（不予通过时必填；退回时可只写逐项意见）"
        onInput={(e) => setDraft({ ...draft, comment: e.detail.value, savedAt: Date.now() })}
      />
      {view.can.returnForRevision && (
        <Text className="muted">
          需要申报单位修改的地方：在下方申报内容和申报材料中点“✎ 写意见”，意见会自动保存在本机，退回时一并发送。
        </Text>
      )}
    </View>
  );
}
