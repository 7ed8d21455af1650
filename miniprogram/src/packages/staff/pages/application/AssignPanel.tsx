import type { ReviewerCandidate } from '@shared/api/applications';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { expectedOf, type PanelProps } from './panel';

/** Reviewer assignment: candidates with 回避 shown (and enforced by the server). */
export function AssignPanel({ view, busy, act, candidates }: PanelProps & { candidates: ReviewerCandidate[] }) {
  const [picked, setPicked] = useState<string[]>([]);
  // Each (re)load starts from the reviewers already assigned.
  useEffect(() => setPicked(view.reviewers.map((r) => r.id)), [view]);
  return (
    <View className="panel" id="assign-panel">
      <Text className="subtitle">指派评审专家</Text>
      {candidates.map((c) => (
        <View
          key={c.personId}
          id={`cand-${c.personId}`}
          className="list-item"
          onClick={() =>
            !c.conflict && setPicked(picked.includes(c.personId) ? picked.filter((x) => x !== c.personId) : [...picked, c.personId])
          }
        >
          <Text className={`tag ${picked.includes(c.personId) ? 'tag-green' : ''}`}>
            {picked.includes(c.personId) ? '已选' : c.conflict ? '回避' : '可选'}
          </Text>
          <Text>
            {c.name}（{c.title}）
          </Text>
          {c.conflict ? <Text className="warn"> {c.conflictReason}</Text> : null}
        </View>
      ))}
      <Button
        className={`btn${busy || picked.length === 0 ? ' is-disabled' : ''}`}
        id="assign"
        onClick={() =>
          void act('指派评审专家', async () =>
            applicationsClient.assignReviewers({
              applicationId: view.id,
              reviewerIds: picked,
              requestId: await newRequestId(),
              expected: expectedOf(view),
            }),
          )
        }
      >
        确认指派
      </Button>
    </View>
  );
}
