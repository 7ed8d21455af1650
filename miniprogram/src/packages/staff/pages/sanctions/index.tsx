import type { SanctionList } from '@shared/api/applications';
import { chinaDateOf } from '@shared/calendar/china-time';
import { programmes } from '@shared/programmes';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { applicationsClient } from '../../../../services/applications';
import '../dashboard/reports.css';
import { NoticeText } from '../../../../components/NoticeText';
import { Invalid, useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import { newRequestId } from '../../../../platform/request-id';
import { errorText } from '../../../../services/errors';

/** Programmes whose definitions carry penalties (处理措施), in the order they are defined. */
const withPenalties = Object.values(programmes).filter((p) => p.penalties.length > 0);

/**
 * 处理决定: penalties decided against a society or host unit under a programme's rules (弄虚作假 →
 * 连续 3 年取消申报资格 …). City staff record them; every later eligibility check reads the bans.
 */
export default function Sanctions() {
  const { me } = useMe();
  const isCity = !!me?.bindings.some((b) => b.role === 'cityStaff');
  const [list, setList] = useState<SanctionList | null>(null);
  const [programmeId, setProgrammeId] = useState(withPenalties[0]?.id ?? '');
  const [penaltyId, setPenaltyId] = useState('');
  const [subject, setSubject] = useState<{ type: 'society' | 'hostUnit'; id: string } | null>(null);
  const [imposedOn, setImposedOn] = useState(chinaDateOf(Date.now()));
  const [reason, setReason] = useState('');
  const action = useAction();
  const { notice, fieldErrors: errors } = action;
  const programme = withPenalties.find((p) => p.id === programmeId);
  const load = () =>
    applicationsClient
      .listSanctions({})
      .then(setList)
      .catch((e: unknown) => action.say('err', errorText(e)));
  useDidShow(() => void load());

  const submit = () =>
    action.run(
      async () => {
        if (!subject) throw new Invalid({ subject: '请选择被处理的学会或建站单位' });
        if (!penaltyId) throw new Invalid({ penaltyId: '请选择处理类型' });
        const s = await applicationsClient.imposeSanction({
          subject,
          programmeId,
          penaltyId,
          imposedOn,
          reason,
          requestId: await newRequestId(),
        });
        setReason('');
        await load();
        return s;
      },
      {
        ok: (s) => `已记录：${s.subject.name} — ${s.consequences.join('；')}${s.banLastDay ? `（至 ${s.banLastDay}）` : ''}`,
        notice: 'unlessFields',
      },
    );

  return (
    <View className="page" id="sanctions">
      <Text className="title">处理决定</Text>
      <Text className="muted">按各项目办法记录的处理决定；处于取消申报资格期内的单位不能再申报该项目。</Text>
      <NoticeText notice={notice} className={() => 'banner'} />
      {isCity && list && (
        <View className="card">
          <Text className="subtitle">记录处理决定</Text>
          <Text>项目</Text>
          <View className="rp-chips">
            {withPenalties.map((p) => (
              <Text
                key={p.id}
                className={`rp-chip${p.id === programmeId ? ' on' : ''}`}
                onClick={() => {
                  setProgrammeId(p.id);
                  setPenaltyId('');
                }}
              >
                {p.city} · {p.title}
              </Text>
            ))}
          </View>
          <Text>处理类型</Text>
          <View className="rp-chips">
            {programme?.penalties.map((x) => (
              <Text
                key={x.id}
                className={`rp-chip${x.id === penaltyId ? ' on' : ''}`}
                data-penalty={x.id}
                onClick={() => setPenaltyId(x.id)}
              >
                {x.trigger}（{x.clause}）
              </Text>
            ))}
          </View>
          <ErrorText message={errors.penaltyId} />
          <Text>被处理单位</Text>
          <View className="rp-chips">
            {list.subjects.map((x) => (
              <Text
                key={`${x.type}:${x.id}`}
                className={`rp-chip${subject?.id === x.id ? ' on' : ''}`}
                data-subject={x.id}
                onClick={() => setSubject({ type: x.type, id: x.id })}
              >
                {x.name}
              </Text>
            ))}
          </View>
          <ErrorText message={errors.subject ?? errors['subject.id']} />
          <Text>决定日期</Text>
          <Input
            className={`input${errors.imposedOn ? ' input-error' : ''}`}
            value={imposedOn}
            onInput={(e) => setImposedOn(e.detail.value)}
          />
          <ErrorText message={errors.imposedOn} />
          <Text>处理原因</Text>
          <Textarea
            className={`input${errors.reason ? ' input-error' : ''}`}
            style={{ width: '100%', boxSizing: 'border-box' }}
            id="sanction-reason"
            value={reason}
            maxlength={500}
            onInput={(e) => setReason(e.detail.value)}
          />
          <ErrorText message={errors.reason} />
          <Button className="btn" id="impose" onClick={() => void submit()}>
            记录处理决定
          </Button>
        </View>
      )}
      <Text className="subtitle">已记录（{list?.sanctions.length ?? 0}）</Text>
      {list?.sanctions.map((s) => (
        <View key={s.id} className="card">
          <View className="row">
            <Text>{s.subject.name}</Text>
            {s.banLastDay && <Text className="tag tag-red">至 {s.banLastDay} 不得申报</Text>}
          </View>
          {/* one line each: inline Text would run the date, the consequences and the reason together */}
          <View className="muted">
            {s.programmeTitle} · {s.penaltyLabel} · {s.imposedOn}
          </View>
          <View>{s.consequences.join('；')}</View>
          <View className="muted">原因：{s.reason}</View>
        </View>
      ))}
    </View>
  );
}
