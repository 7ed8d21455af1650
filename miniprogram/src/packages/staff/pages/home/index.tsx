import type { PendingKind } from '@shared/api/applications';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { pendingKindLabels, pendingKinds } from '../../../../components/review/pending';
import { NavButton, WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../hooks/useMe';
import { applicationsClient } from '../../../../services/applications';
import { awardsClient } from '../../../../services/awards';
import { errorText } from '../../../../services/errors';
import { orgClient } from '../../../../services/org';
import '../../../../components/review/review.css';

/**
 * The work waiting for the caller (issue 15, finding 13): counted from the queue's actionable rows,
 * which the server scopes by the oversight model (their county, their stage, their assignments).
 */
function usePending(enabled: boolean) {
  const [counts, setCounts] = useState<Partial<Record<PendingKind, number>> | null>(null);
  useDidShow(() => {
    if (!enabled) return;
    applicationsClient
      .queue({ actionableOnly: true, skip: 0 })
      .then((rows) => {
        const c: Partial<Record<PendingKind, number>> = {};
        for (const r of rows) if (r.pending) c[r.pending] = (c[r.pending] ?? 0) + 1;
        setCounts(c);
      })
      .catch(() => setCounts(null));
  });
  return counts;
}

/**
 * After a deploy that changes a stored shape (DEPLOY.md §5), city staff run the migration runner: each call
 * works within the function timeout and answers whether everything is upgraded, so the button calls again
 * until it is (documents not yet upgraded are also upgraded when read, so nothing waits on this).
 */
function Migrations() {
  const [state, setState] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  const run = async () => {
    if (state.busy) return;
    setState({ busy: true, text: '正在升级…' });
    try {
      let total = 0;
      for (let call = 0; call < 20; call++) {
        const r = await orgClient.runMigrations({});
        total += Object.values(r.upgraded).reduce((s, n) => s + n, 0);
        if (r.done) return setState({ busy: false, text: `存储数据已是最新版本（本次升级 ${total} 条）` });
        setState({ busy: true, text: `正在升级…已升级 ${total} 条` });
      }
      setState({ busy: false, text: `已升级 ${total} 条，尚未完成，请再点一次` });
    } catch (e) {
      setState({ busy: false, text: errorText(e) });
    }
  };
  return (
    <View className="card" id="migrations">
      <Text className="muted">部署新版本后，请运行一次数据升级。</Text>
      <View className="btn-plain" id="run-migrations" onClick={() => void run()}>
        <Text>{state.busy ? '升级中…' : '数据升级'}</Text>
      </View>
      {state.text && <Text id="migrations-result">{state.text}</Text>}
    </View>
  );
}

/**
 * Consequences the product proposed and nobody has decided yet (issue 14 item 4: never left for staff
 * to remember): counted from awards.listConsequences, scoped by the oversight model.
 */
function ConsequenceCount() {
  const [open, setOpen] = useState<number | null>(null);
  const load = () => {
    awardsClient
      .listConsequences({ status: 'proposed' })
      .then((r) => setOpen(r.openCount))
      .catch(() => setOpen(null));
  };
  // mounted once the bindings are known (after the page's first show), and counted again on every return
  useEffect(load, []);
  useDidShow(load);
  return (
    <NavButton url="/pages/awards/consequences/index" id="nav-consequences">
      {open ? `处理建议（${open} 条待确认）` : '处理建议与决定'}
    </NavButton>
  );
}

/** Home of CAST staff, the talent office and review experts. */
export default function StaffHome() {
  const { me, error } = useMe();
  const isStaff = me?.bindings.some((b) => b.role === 'cityStaff' || b.role === 'countyStaff');
  // the provincial reader (issue 13, item 5) reads dashboards, reviews' progress and sanctions across its cities
  const oversees = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice', 'provincialStaff'].includes(b.role));
  const isCity = me?.bindings.some((b) => b.role === 'cityStaff');
  const reviews = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice', 'reviewer'].includes(b.role));
  // counted once the bindings are known (useDidShow runs on every return to the page)
  const counts = usePending(true);
  // the staff pages in the order shown: [page folder (or a full path outside this package), element id, label, shown to this caller]
  const links: [string, string, string, boolean | undefined][] = [
    ['dashboard', 'nav-dashboard', '服务站考核看板', oversees],
    ['assessment', 'nav-assessment', '年度考核', isCity],
    ['outbox', 'nav-outbox', '提醒发件箱', oversees],
    ['sanctions', 'nav-sanctions', '处理决定', oversees],
    ['/pages/awards/index/index', 'nav-awards', '项目执行', oversees],
    ['/pages/awards/check-queue/index', 'nav-checks', '检查验收待办', oversees],
    ['/pages/awards/money-summary/index', 'nav-money-summary', '年度资金汇总', oversees],
    ['queue', 'nav-queue', '申报审核', reviews],
    ['people', 'nav-people', '人员与邀请码', isStaff],
    ['stations', 'nav-stations', '服务站与专家团队', isStaff],
    ['org', 'nav-org', '组织机构', isStaff],
    // county staff open the rounds of their district's programmes (issue 16 item 4)
    ['rounds', 'nav-rounds', '申报批次', isStaff],
    ['programmes', 'nav-programmes', '项目定义', isCity],
    ['workbook', 'nav-workbook', '导入导出', isStaff],
    ['holidays', 'nav-holidays', '节假日', isStaff],
  ];
  const shownKinds = pendingKinds.filter((k) => (counts?.[k] ?? 0) > 0 || k === 'review');
  return (
    <View className="page" id="home-staff">
      <Text className="title">科协工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
      {reviews && counts && (
        <View className="pending-grid" id="pending-counts">
          {shownKinds.map((k) => (
            <View
              key={k}
              className="pending-tile"
              id={`pending-${k}`}
              data-count={counts[k] ?? 0}
              onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/queue/index?pending=1' })}
            >
              <Text className="pending-n">{counts[k] ?? 0}</Text>
              <Text className="muted">{pendingKindLabels[k]}</Text>
            </View>
          ))}
        </View>
      )}
      {oversees && <ConsequenceCount />}
      {links.map(([page, id, label, shown]) =>
        shown ? (
          <NavButton key={id} url={page.startsWith('/') ? page : `/packages/staff/pages/${page}/index`} id={id}>
            {label}
          </NavButton>
        ) : null,
      )}
      {isCity && <Migrations />}
    </View>
  );
}
