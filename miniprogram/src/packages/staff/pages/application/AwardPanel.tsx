import type { Programme } from '@shared/programmes/schema';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmIrreversible } from '../../../../components/review/confirm';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { expectedOf, type PanelProps } from './panel';

/** The award (授牌): for station kinds it also creates the station. */
export function AwardPanel({ view, busy, act, programme, createsStation }: PanelProps & { programme: Programme; createsStation: boolean }) {
  const [plaqueDate, setPlaqueDate] = useState(view.today);
  return (
    <View className="panel" id="award-panel">
      <Text className="subtitle">{programme.award.label}</Text>
      <View id="plaque-date">
        <Input
          className="input"
          value={plaqueDate}
          placeholder="授牌日期 YYYY-MM-DD"
          onInput={(e) => setPlaqueDate(e.detail.value.trim())}
        />
      </View>
      <Button
        className={`btn${busy ? ' is-disabled' : ''}`}
        id="award"
        onClick={async () => {
          const ok = await confirmIrreversible({
            title: programme.award.label,
            what: `确认以 ${plaqueDate} 为授牌日期${createsStation ? '授牌并建立学会服务站' : programme.award.label}？`,
            confirmText: '确认授牌',
          });
          if (!ok) return;
          void act(programme.award.label, async () =>
            applicationsClient.award({ applicationId: view.id, plaqueDate, requestId: await newRequestId(), expected: expectedOf(view) }),
          );
        }}
      >
        {createsStation ? '授牌并建立服务站' : programme.award.label}
      </Button>
    </View>
  );
}
