import { getProgramme } from '@shared/programmes';
import { bandOf, rubricFor, suggestedPoints } from '@shared/rules/scoring';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import type { PanelProps } from './panel';

type Answer = string | number | boolean;

/**
 * The score sheet of the rubric's stage (shared/rules/scoring.ts): computed items come pre-filled with
 * the points their rule gives on the applicant's facts (the same on every sheet); judgements are the
 * scorer's own — the A/B/C rating or discretionary deduction is answered here and turned into points by
 * the same rule; items without a rule are typed. Other points than the rule's need a reason (audited).
 * Decimal input where the item counts in half points; the total and the band it reaches are shown.
 */
export function ScorePanel({ view, busy, act }: PanelProps) {
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const rubric = view.rubric;
  if (!rubric) return null;
  // judgement items with a rule: the scorer's answers through the same function the server uses
  const programme = getProgramme(view.programmeId);
  const facts = { ...rubric.facts, ...answers };
  const definition = programme ? rubricFor(programme, view.kindId, facts, view.today) : null;
  const suggestion = (id: string): number | null => {
    const item = rubric.items.find((i) => i.id === id)!;
    if (item.kind === 'computed') return item.suggested;
    const rule = definition?.items.find((i) => i.id === id);
    return programme && rule?.points ? suggestedPoints(programme, rule, facts, view.today).points : null;
  };
  const pointsOf = (id: string): number | null => {
    const t = typed[id];
    if (t !== undefined && t !== '') return Number(t);
    return suggestion(id);
  };
  const overridden = (id: string) => {
    const s = suggestion(id);
    const t = typed[id];
    return s !== null && t !== undefined && t !== '' && Number(t) !== s;
  };
  const total = Math.round(rubric.items.reduce((s, i) => s + (pointsOf(i.id) ?? 0), 0) * 100) / 100;
  const band = rubric.bands.length > 0 && definition ? bandOf(definition, total) : null;
  const setNumber = (id: string, value: string) => setAnswers({ ...answers, [id]: Number(value) });
  return (
    <View className="panel" id="score-panel">
      <Text className="subtitle">
        评分（满分 {rubric.total}）{rubric.label ? `· ${rubric.label}` : ''}
      </Text>
      {rubric.note && <Text className="muted">{rubric.note}</Text>}

      {rubric.staffFacts.length > 0 && (
        <View id="score-judgements">
          <Text className="label">评分人评定</Text>
          {rubric.staffFacts.map((f) => (
            <View key={f.id} className="score-judgement" id={`judge-${f.id}`}>
              <Text>{f.label}</Text>
              {f.options ? (
                <View className="chips">
                  {f.options.map((o) => (
                    <Text
                      key={o.value}
                      className={`tag${answers[f.id] === o.value ? ' tag-selected' : ''}`}
                      id={`judge-${f.id}-${o.value}`}
                      onClick={() => setAnswers({ ...answers, [f.id]: o.value })}
                    >
                      {o.label}
                    </Text>
                  ))}
                </View>
              ) : (
                <Input
                  className="input"
                  type="digit"
                  placeholder={`${f.min ?? 0}–${f.max ?? ''}${f.step ? `，步长 ${f.step}` : ''}`}
                  onInput={(e) => setNumber(f.id, e.detail.value)}
                />
              )}
            </View>
          ))}
        </View>
      )}

      {rubric.items.map((i) => {
        const s = suggestion(i.id);
        return (
          <View key={i.id} className="score-item" id={`score-${i.id}`}>
            <View className="score-row">
              <Text>
                {i.label}（{i.maxPoints} 分）
                <Text className={`tag${i.kind === 'computed' ? '' : ' tag-amber'}`}>{i.kind === 'computed' ? '计算' : '评定'}</Text>
              </Text>
              <Input
                className="input"
                type={i.step === 1 ? 'number' : 'digit'}
                value={typed[i.id] ?? (s !== null ? String(s) : '')}
                placeholder={i.step === 1 ? `0-${i.maxPoints}` : `0-${i.maxPoints}，步长 ${i.step}`}
                onInput={(e) => setTyped({ ...typed, [i.id]: e.detail.value })}
              />
            </View>
            <View>
              <Text className="muted">规则：{i.rule}</Text>
            </View>
            {i.kind === 'computed' && (
              <View>
                <Text className="muted score-suggestion">按规则：{i.suggestedReason}</Text>
              </View>
            )}
            {overridden(i.id) && (
              <Input
                className="input"
                id={`reason-${i.id}`}
                placeholder={`按规则应得 ${s} 分，请填写改分理由`}
                value={reasons[i.id] ?? ''}
                onInput={(e) => setReasons({ ...reasons, [i.id]: e.detail.value })}
              />
            )}
          </View>
        );
      })}
      <Text className="value" id="score-total">
        合计：{total} 分{band ? `　等级：${band.label}${band.passes ? '' : '（不予认定）'}` : ''}
      </Text>
      {rubric.bands.length > 0 && (
        <Text className="muted">等级：{rubric.bands.map((b) => `${b.label}${b.min > 0 ? ` ≥ ${b.min}` : ''}`).join('，')}</Text>
      )}
      <Button
        className={`btn${busy ? ' is-disabled' : ''}`}
        id="submit-score"
        onClick={() =>
          void act('评分', async () =>
            applicationsClient.score({
              applicationId: view.id,
              // an item without points is left out: the server answers "“…”尚未评分"
              items: rubric.items.flatMap((i) => {
                const points = pointsOf(i.id);
                if (points === null || Number.isNaN(points)) return [];
                return [{ itemId: i.id, points, ...(overridden(i.id) && reasons[i.id] ? { reason: reasons[i.id] } : {}) }];
              }),
              ...(Object.keys(answers).length > 0 ? { answers } : {}),
              requestId: await newRequestId(),
            }),
          )
        }
      >
        提交评分
      </Button>
    </View>
  );
}
