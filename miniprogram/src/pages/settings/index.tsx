import type { SubscriptionsView } from '@shared/api/identity';
import type { TemplateKey } from '@shared/schemas/subscriptions';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { NoticeText } from '../../components/NoticeText';
import { useAction } from '../../hooks/useAction';
import { errorText } from '../../services/errors';
import { askInTap, loadSubscriptions } from '../../services/subscriptions';

/**
 * 提醒设置: each subscription message this person's roles receive, how many more WeChat will deliver
 * (one per accept), and a button to accept one more. The button's tap asks WeChat synchronously (the
 * dialog appears only inside a tap); the count is recorded on the server afterwards.
 */
export default function Settings() {
  const [view, setView] = useState<SubscriptionsView | null>(null);
  const action = useAction();
  const { say } = action;
  useDidShow(() => {
    loadSubscriptions()
      .then(setView)
      .catch((e) => say('err', errorText(e)));
  });

  const addOne = (key: TemplateKey) => {
    // first thing in the tap: the WeChat dialog (askInTap calls it synchronously), then the count
    const asked = askInTap([key]);
    void action.run(
      async () => {
        const { accepted, view: fresh } = await asked;
        if (fresh) setView(fresh);
        return accepted.length
          ? { tone: 'ok' as const, text: '已开启：可再收到 1 条这类提醒' }
          : { tone: 'warn' as const, text: '未开启：您没有同意接收这条提醒' };
      },
      { ok: (n) => n, key },
    );
  };

  return (
    <View className="page">
      <Text className="title">提醒设置</Text>
      <View className="card">
        <Text className="muted">
          微信的订阅消息每同意一次，才能收到一条提醒。下面是您可以接收的提醒和还能收到的条数；条数用完后，点“再开启一次”即可。
        </Text>
      </View>
      <NoticeText notice={action.notice} id="settings-notice" />
      {view && view.templates.length === 0 ? <Text className="muted">您的身份没有需要接收的提醒。</Text> : null}
      {(view?.templates ?? []).map((t) => (
        <View className="card" key={t.key} id={`sub-${t.key}`}>
          <Text className="subtitle">{t.title}</Text>
          <View>
            <Text className="muted">{t.description}</Text>
          </View>
          <View>
            <Text className="subtitle" id={`sub-left-${t.key}`}>{`还能收到 ${t.left} 条`}</Text>
            {t.sentNow ? null : <Text className="muted">（该提醒即将启用，可先开启）</Text>}
          </View>
          {t.templateId ? (
            // no `disabled` prop: on h5 a Taro Button given one rendered its label blank (seen in the screenshots);
            // a second tap while it runs is ignored instead
            <Button className="btn-plain" id={`sub-add-${t.key}`} onClick={() => action.busyKey !== t.key && addOne(t.key)}>
              {action.busyKey === t.key ? '正在开启…' : '再开启一次'}
            </Button>
          ) : (
            <Text className="muted">管理员尚未配置该提醒的模板，暂时无法开启。</Text>
          )}
        </View>
      ))}
    </View>
  );
}
