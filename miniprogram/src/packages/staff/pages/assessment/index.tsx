import type { AssessmentList, AssessmentView, RunAssessmentResult } from '@shared/api/reports';
import { gradeOverrideNote, grades } from '@shared/api/reports';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { openXlsx, reportsClient } from '../../../../services/reports';
import '../dashboard/reports.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import { gradeClass, yuan } from '../../../../lib/format';
import { newRequestId } from '../../../../platform/request-id';
import { errorText } from '../../../../services/errors';

/**
 * An adjustment form under one result: score and the written reason (kept in the audit log). The
 * grade follows the score by the assessment's grade rule; choosing another grade is an override that
 * needs its own reason (shown with the result).
 */
function Adjust({ a, onDone }: { a: AssessmentView; onDone: () => void }) {
  const [score, setScore] = useState(String(a.score));
  const [grade, setGrade] = useState<string>('');
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const action = useAction();
  const errors = action.fieldErrors;
  const save = () =>
    action.run(
      async () => {
        await reportsClient.adjustAssessment({
          requestId: await newRequestId(),
          assessmentId: a.id,
          score: Number(score),
          ...(grade ? { grade: grade as (typeof grades)[number] } : {}),
          reason,
          ...(grade && overrideReason ? { gradeOverrideReason: overrideReason } : {}),
        });
        onDone();
      },
      { notice: 'unlessFields' },
    );
  return (
    <View className="list-item" id={`adjust-form-${a.stationId}`}>
      <Text className="field-label">调整后的分数</Text>
      <Input
        className={`input ${errors.score ? 'input-error' : ''}`}
        type="digit"
        id="adjust-score"
        value={score}
        onInput={(e) => setScore(e.detail.value)}
      />
      <ErrorText message={errors.score} />
      <View className="rp-chips">
        <Text id="adjust-grade-auto" className={`rp-chip ${grade === '' ? 'on' : ''}`} onClick={() => setGrade('')}>
          按分数评定等次
        </Text>
        {grades.map((g) => (
          <Text key={g} id={`adjust-grade-${g}`} className={`rp-chip ${grade === g ? 'on' : ''}`} onClick={() => setGrade(g)}>
            {g}
          </Text>
        ))}
      </View>
      <ErrorText message={errors.grade} />
      {grade !== '' && (
        <Textarea
          className={`rp-textarea ${errors.gradeOverrideReason ? 'input-error' : ''}`}
          id="adjust-grade-reason"
          value={overrideReason}
          placeholder="等次认定理由（等次与分数不符时必填，与结果一并显示）"
          onInput={(e) => setOverrideReason(e.detail.value)}
        />
      )}
      <ErrorText message={errors.gradeOverrideReason} />
      <Textarea
        className={`rp-textarea ${errors.reason ? 'input-error' : ''}`}
        id="adjust-reason"
        value={reason}
        placeholder="调整理由（必填，记入审计日志）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <ErrorText message={errors.reason ?? action.notice?.text} />
      <Button className="btn" id="adjust-save" onClick={() => void save()}>
        保存调整
      </Button>
    </View>
  );
}

/** Year-end assessment: run, review, adjust with a reason, publish; the funding due; export for the talent office. */
export default function AssessmentPage() {
  const { me } = useMe();
  const canRun = !!me?.bindings.some((b) => b.role === 'cityStaff');
  const [yearIndex, setYearIndex] = useState(1);
  const [list, setList] = useState<AssessmentList | null>(null);
  const [run, setRun] = useState<RunAssessmentResult | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [adjusting, setAdjusting] = useState<string | null>(null);
  const action = useAction();

  const load = (k = yearIndex) => {
    action.clear();
    reportsClient
      .listAssessments({ yearIndex: k })
      .then((l) => {
        setList(l);
        setSelected([]);
      })
      .catch((e: unknown) => action.say('err', errorText(e)));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load is remade each render; the year is what matters
  useEffect(() => load(yearIndex), [yearIndex]);

  const runIt = () =>
    action.run(async () => {
      setRun(await reportsClient.runAssessment({ requestId: await newRequestId(), yearIndex }));
      load();
    });
  const publish = () =>
    action.run(async () => {
      const ok = await Taro.showModal({ title: '发布考核结果', content: `发布后不能再调整。确定发布选中的 ${selected.length} 个结果？` });
      if (!ok.confirm) return;
      await reportsClient.publishAssessments({ requestId: await newRequestId(), assessmentIds: selected });
      load();
    });
  const exportIt = () => action.run(async () => openXlsx(await reportsClient.exportAssessments({ yearIndex })));
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <View className="page" id="assessment-page">
      <Text className="title">年度考核</Text>
      <Text className="muted">按第十二条考核共性内容，以建站单位已确认的记录计分；调整须写明理由，发布后生效。</Text>
      <View className="rp-chips">
        {[1, 2, 3].map((k) => (
          <Text key={k} id={`year-${k}`} className={`rp-chip ${k === yearIndex ? 'on' : ''}`} onClick={() => setYearIndex(k)}>
            第{k}考核年度
          </Text>
        ))}
      </View>
      <View className="row">
        {canRun && (
          <Button className="btn-plain" size="mini" id="run-assessment" onClick={() => void runIt()}>
            计算考核结果
          </Button>
        )}
        {canRun && selected.length > 0 && (
          <Button className="btn-plain" size="mini" id="publish-selected" onClick={() => void publish()}>
            发布选中（{selected.length}）
          </Button>
        )}
        <Button className="btn-plain" size="mini" id="export-assessments" onClick={() => void exportIt()}>
          导出汇总表
        </Button>
      </View>
      <NoticeText notice={action.notice} />
      {run && (
        <View className="banner" id="run-result">
          <Text>
            已计算 {run.computed} 个服务站（截至 {run.asOf}）。{run.skipped.length ? `未计算 ${run.skipped.length} 个：` : ''}
          </Text>
          {run.skipped.slice(0, 5).map((s) => (
            <Text key={s.stationId} className="rp-line">
              {s.stationName}：{s.reason}
            </Text>
          ))}
        </View>
      )}
      {list && (
        <Text className="muted">
          共 {list.total} 个结果；应拨资助合计 {list.fundingTotalYuan.toLocaleString('en-US')} 元
          {list.caseByCase ? `，另有 ${list.caseByCase} 个一事一议` : ''}
        </Text>
      )}
      {list?.items.length === 0 && <Text className="muted">本考核年度还没有考核结果{canRun ? '，请先计算' : ''}</Text>}
      {list?.items.map((a) => (
        <View key={a.id} className={`card rp-card ${a.passed ? 'green' : 'red'}`} id={`assessment-${a.stationId}`} data-state={a.state}>
          <View className="rp-head">
            {canRun && a.state !== 'published' && (
              <Text
                className={`rp-select ${selected.includes(a.id) ? 'on' : ''}`}
                id={`select-${a.stationId}`}
                onClick={() => toggle(a.id)}
              >
                {selected.includes(a.id) ? '✓' : ''}
              </Text>
            )}
            <Text className="rp-name">{a.stationName}</Text>
            <Text className="tag">{a.stateLabel}</Text>
          </View>
          <Text className="rp-line">
            {a.levelLabel} · {a.castUnitName} · {a.year.start} 至 {a.year.end}
            {a.termEnd ? ' · 期满考核' : ''}
          </Text>
          <View className="rp-figures">
            <View className="rp-fig">
              <Text className="rp-v">
                {a.score} <Text className={`tag ${gradeClass(a.grade)}`}>{a.grade}</Text>
              </Text>
              <Text className="rp-k">{a.adjusted ? `已调整（原 ${a.computed.score} 分 ${a.computed.grade}）` : '计算结果'}</Text>
            </View>
            <View className="rp-fig">
              <Text className="rp-v">{yuan(a.funding.amountYuan, a.funding.caseByCase)}</Text>
              <Text className="rp-k">应拨资助</Text>
            </View>
          </View>
          {/* why this grade: each missed 第十二条 minimum with its shortfall, or the prior result it rests on (上线前) */}
          <Text className="rp-line" id={`grade-reason-${a.stationId}`}>
            {a.computed.gradeReason}
          </Text>
          {a.adjusted && (
            <Text className="rp-line">
              调整理由：{a.adjusted.reason}（{a.adjusted.byName}）
            </Text>
          )}
          {a.adjusted?.override && (
            <Text className="rp-reason" id={`grade-override-${a.stationId}`}>
              {gradeOverrideNote(a.grade, a.adjusted.override)}
            </Text>
          )}
          {a.rectificationDeadline && <Text className="rp-reason">整改期限：{a.rectificationDeadline}</Text>}
          {a.consequences.map((c) => (
            <Text key={c} className="rp-line">
              {c}
            </Text>
          ))}
          {canRun && a.state !== 'published' && (
            <Text className="muted" id={`adjust-${a.stationId}`} onClick={() => setAdjusting(adjusting === a.id ? null : a.id)}>
              {adjusting === a.id ? '收起' : '调整分数或等次'}
            </Text>
          )}
          {adjusting === a.id && (
            <Adjust
              a={a}
              onDone={() => {
                setAdjusting(null);
                load();
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
