import { chinaDateTimeOf as fmt } from '@shared/calendar/china-time';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { expectedOf, type PanelProps } from './panel';

/** During the publicity: objections filed and resolved, and closing the publicity when there are none left. */
export function ObjectionsPanel({ view, busy, act }: PanelProps) {
  const [objection, setObjection] = useState('');
  const [resolutions, setResolutions] = useState<Record<string, string>>({});
  return (
    <View className="panel" id="objections-panel">
      <Text className="subtitle">公示异议</Text>
      {view.objections.map((o) => (
        <View key={o.id} className="list-item" id={`objection-${o.id}`} data-status={o.status}>
          <Text>{o.content}</Text>
          <Text className="muted">
            {' '}
            （{o.filedByName} 登记于 {fmt(o.filedAt)}）
          </Text>
          {o.status === 'resolved' ? (
            <Text className="ok"> 已处理：{o.resolution}</Text>
          ) : view.can.resolveObjection ? (
            <View>
              <Input
                className="input"
                id={`resolution-${o.id}`}
                value={resolutions[o.id] ?? ''}
                placeholder="处理意见"
                onInput={(e) => setResolutions({ ...resolutions, [o.id]: e.detail.value })}
              />
              <Button
                className="btn-plain"
                id={`resolve-${o.id}`}
                onClick={() =>
                  void act('处理异议', async () =>
                    applicationsClient.resolveObjection({
                      objectionId: o.id,
                      resolution: resolutions[o.id] ?? '',
                      requestId: await newRequestId(),
                    }),
                  )
                }
              >
                处理完毕
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      {view.can.fileObjection && (
        <>
          <Textarea
            className="input textarea"
            id="objection-content"
            value={objection}
            placeholder="登记收到的异议内容"
            onInput={(e) => setObjection(e.detail.value)}
          />
          <Button
            className="btn-plain"
            id="file-objection"
            onClick={() =>
              void act('登记异议', async () =>
                applicationsClient.fileObjection({ applicationId: view.id, content: objection, requestId: await newRequestId() }),
              )
            }
          >
            登记异议
          </Button>
        </>
      )}
      {view.can.closePublicity && (
        <Button
          className={`btn${busy ? ' is-disabled' : ''}`}
          id="close-publicity"
          onClick={() =>
            void act('结束公示', async () =>
              applicationsClient.closePublicity({ applicationId: view.id, requestId: await newRequestId(), expected: expectedOf(view) }),
            )
          }
        >
          公示期满，无异议，结束公示
        </Button>
      )}
    </View>
  );
}
