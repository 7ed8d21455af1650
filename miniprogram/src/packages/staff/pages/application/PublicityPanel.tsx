import type { Programme } from '@shared/programmes/schema';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmIrreversible } from '../../../../components/review/confirm';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { expectedOf, type PanelProps } from './panel';

/** Start the publicity: the start date (today by default); the end date follows from the programme's rule. */
export function PublicityPanel({ view, busy, act, programme }: PanelProps & { programme: Programme }) {
  const [startDate, setStartDate] = useState(view.today);
  const [note, setNote] = useState('');
  const rule = programme.publicity;
  // a programme without publicity never offers it (the server never grants startPublicity)
  if (!rule) return null;
  return (
    <View className="panel" id="publicity-panel">
      <Text className="subtitle">公示</Text>
      <Text className="muted">
        按《{programme.title}》{rule.clause}：公示{rule.minimum ? '不少于' : ''}
        {rule.days}
        {rule.dayKind === 'working' ? '个工作日（扣除法定节假日）' : '天'}，结束日期自动计算。
      </Text>
      <View id="publicity-start">
        <Input className="input" value={startDate} placeholder="开始日期 YYYY-MM-DD" onInput={(e) => setStartDate(e.detail.value.trim())} />
      </View>
      <Input className="input" value={note} placeholder="公示说明（选填），如：在市科协网站公示" onInput={(e) => setNote(e.detail.value)} />
      <Button
        className={`btn${busy ? ' is-disabled' : ''}`}
        id="start-publicity"
        onClick={async () => {
          const ok = await confirmIrreversible({
            title: '开始公示',
            what: `确认自 ${startDate} 起公示？公示开始后申报进入公示期，结束日期按规定自动计算。`,
            confirmText: '开始公示',
          });
          if (!ok) return;
          void act('开始公示', async () =>
            applicationsClient.startPublicity({
              applicationId: view.id,
              startDate,
              note,
              requestId: await newRequestId(),
              expected: expectedOf(view),
            }),
          );
        }}
      >
        开始公示
      </Button>
    </View>
  );
}
