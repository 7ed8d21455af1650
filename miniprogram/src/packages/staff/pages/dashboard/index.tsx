import type { DashboardFilters, DashboardPage, DashboardRow, dashboardSortKeys, Risk } from '@shared/api/reports';
import { riskLabels } from '@shared/api/reports';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { openXlsx, reportsClient } from '../../../../services/reports';
import './reports.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { gradeClass, num, riskClass, yuan } from '../../../../lib/format';
import { errorText } from '../../../../services/errors';

type SortKey = (typeof dashboardSortKeys)[number];
const sorts: Array<[SortKey, string]> = [
  ['risk', '风险'],
  ['shortDays', '本季缺天数'],
  ['projectedScore', '预计得分'],
  ['score', '当前得分'],
  ['name', '名称'],
  ['level', '级别'],
  ['county', '县市区'],
];
const PAGE = 30;
/** the search asks the server once typing pauses, not per keystroke */
const SEARCH_DEBOUNCE_MS = 300;
/** the filters behind the 筛选 toggle (the risk tiles above are always shown) */
const panelFilters = ['atRisk', 'level', 'grade', 'castUnitId', 'industryField', 'societyId'] as const;

/**
 * A tap to call an expert who is behind: the number is asked for only now, one at a time (reports.expertContact,
 * audited on the server), never carried in the list.
 */
function CallExpert({ stationId, expertId, name }: { stationId: string; expertId: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const call = async () => {
    setBusy(true);
    try {
      const c = await reportsClient.expertContact({ stationId, personId: expertId });
      await Taro.makePhoneCall({ phoneNumber: c.mobile });
    } catch (e) {
      // a cancelled dialer is not an error worth a message; anything else says why (e.g. no number on record)
      const text = errorText(e);
      if (!/cancel/i.test(String(Reflect.get(Object(e), 'errMsg') ?? '')))
        void Taro.showToast({ title: text, icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      className="btn-plain rp-call"
      id={`call-${stationId}-${expertId}`}
      onClick={(e) => {
        e.stopPropagation();
        if (!busy) void call();
      }}
    >
      {busy ? '正在获取号码…' : `致电${name}`}
    </Button>
  );
}

/** Who is behind this quarter, by name, with the days short and confirmed / pending — one kind of figure per line. */
function Behind({ r }: { r: DashboardRow }) {
  if (r.behindExperts.length === 0) return null;
  return (
    <View className="rp-behind" id={`behind-${r.stationId}`}>
      {r.behindExperts.map((x) => (
        <View key={x.expertId} className="rp-behind-row">
          <Text className="rp-line rp-behind-line" data-expert={x.expertId} data-short={x.daysShort}>
            {x.name}：本季度还差 {x.daysShort} 天{x.status === 'cannot' ? '（剩余天数已不够）' : '（进度落后）'}；已确认 {x.confirmedDays}{' '}
            天，待确认 {x.pendingDays} 天
          </Text>
          <CallExpert stationId={r.stationId} expertId={x.expertId} name={x.name} />
        </View>
      ))}
    </View>
  );
}

function Row({ r }: { r: DashboardRow }) {
  const tag = r.isNew ? '新建' : riskLabels[r.risk];
  return (
    <View
      className={`card rp-card ${r.isNew ? 'new' : r.risk}`}
      id={`station-${r.stationId}`}
      data-station={r.stationId}
      data-risk={r.risk}
      data-new={r.isNew ? '1' : '0'}
      onClick={() => void Taro.navigateTo({ url: `/packages/staff/pages/station/index?id=${r.stationId}` })}
    >
      <View className="rp-head">
        <Text className="rp-name">{r.name}</Text>
        <Text className={`tag ${r.isNew ? '' : riskClass[r.risk]}`}>{tag}</Text>
      </View>
      <Text className="rp-line">
        {r.levelLabel} · {r.castUnitName} · {r.societyName} · {r.industryField}
        {r.status !== 'active' ? ` · ${r.statusLabel}` : ''}
      </Text>
      {r.quarter ? (
        <Text className="rp-line rp-quarter" data-working-days-left={r.quarter.workingDaysLeft}>
          第{r.yearIndex}考核年度第{r.quarter.quarter}季度（至 {r.quarter.end}），还剩 {r.quarter.workingDaysLeft} 个工作日
        </Text>
      ) : (
        <Text className="rp-line">考核年度尚未开始（授牌日期 {r.plaqueDate}）</Text>
      )}
      {r.isNew ? (
        <Text className="rp-line" id={`new-${r.stationId}`}>
          新建服务站：{r.plaqueDate} 授牌，授牌不足 4 周，尚不评估进度和预计得分
        </Text>
      ) : (
        <>
          {r.quarter && r.behindExperts.length === 0 && (
            <Text className="rp-line">
              {r.quarterShort.experts === 0
                ? '本季度专家天数均已达到要求'
                : `${r.quarterShort.experts} 位专家本季度共还需 ${r.quarterShort.days} 天，按进度正常`}
            </Text>
          )}
          <Behind r={r} />
          <View className="rp-figures">
            <View className="rp-fig">
              <Text className="rp-v">{num(r.score, 1)}</Text>
              <Text className="rp-k">当前得分</Text>
            </View>
            <View className="rp-fig">
              <Text className="rp-v">
                {num(r.projectedScore, 1)} <Text className={`tag ${gradeClass(r.projectedGrade)}`}>{r.projectedGrade ?? '—'}</Text>
              </Text>
              <Text className="rp-k">按目前进度预计</Text>
            </View>
            <View className="rp-fig">
              <Text className="rp-v">{yuan(r.funding.amountYuan, r.funding.caseByCase)}</Text>
              <Text className="rp-k">预计资助</Text>
            </View>
          </View>
          <View className="rp-clauses">
            {r.clauses.map((c) => (
              <View key={c.clause} className="rp-clause" data-clause={c.clause} data-earned={c.earned}>
                <View
                  className={`rp-clause-fill ${c.status}`}
                  style={{ width: `${c.weight ? Math.round((100 * c.earned) / c.weight) : 0}%` }}
                />
              </View>
            ))}
          </View>
        </>
      )}
      {r.riskReasons.slice(0, 2).map((x) => (
        <Text key={x} className="rp-reason">
          {x}
        </Text>
      ))}
    </View>
  );
}

/** Dashboard of every station the staff member oversees (a county its own, the city all). */
export default function Dashboard() {
  const [filters, setFilters] = useState<Partial<DashboardFilters>>({});
  const [sort, setSort] = useState<{ by: SortKey; desc: boolean }>({ by: 'risk', desc: false });
  const [page, setPage] = useState<DashboardPage | null>(null);
  const [rows, setRows] = useState<DashboardRow[]>([]);
  // the search box's text; it reaches `filters.q` (searched on the server, before paging) once typing pauses
  const [query, setQuery] = useState('');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const action = useAction();
  const { busy } = action;
  const error = action.notice?.text ?? '';

  // answers can arrive out of order while the search is typed: only the latest request's answer is shown
  const latest = useRef(0);
  const load = (skip = 0) =>
    action.run(
      async () => {
        const mine = ++latest.current;
        const p = await reportsClient.dashboard({ filters, sort, limit: PAGE, skip });
        if (mine !== latest.current) return;
        setPage(p);
        setRows((old) => (skip === 0 ? p.rows : [...old, ...p.rows]));
      },
      { overlap: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the filters or the sort change
  useEffect(() => void load(), [JSON.stringify(filters), sort.by, sort.desc]);
  useEffect(() => {
    const t = setTimeout(() => {
      const q = query.trim() || undefined;
      setFilters((f) => (f.q === q ? f : { ...f, q }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);
  const filtersOn = panelFilters.filter((k) => !!filters[k]).length;

  const set = <K extends keyof DashboardFilters>(k: K, v: DashboardFilters[K] | undefined) =>
    setFilters((f) => ({ ...f, [k]: f[k] === v ? undefined : v }));
  const chip = (id: string, label: string, on: boolean, onClick: () => void) => (
    <Text key={id} id={id} className={`rp-chip ${on ? 'on' : ''}`} onClick={onClick}>
      {label}
    </Text>
  );
  const exportXlsx = () =>
    action.run(
      async () => {
        await openXlsx(await reportsClient.exportDashboard({ filters, sort }));
        Taro.showToast({ title: '已导出', icon: 'success' });
      },
      { overlap: true },
    );
  const f = page?.facets;
  return (
    <View className="page" id="dashboard">
      <Text className="title">服务站考核看板</Text>
      {page && (
        <Text className="muted">
          截至 {page.asOf}，共 {page.counts.all} 个服务站（第十二条考核共性内容）
        </Text>
      )}
      {page && (
        <View className="rp-counts">
          {(['red', 'amber', 'green'] as Risk[]).map((k) => (
            <View key={k} id={`count-${k}`} className={`rp-count ${k} ${filters.risk === k ? 'on' : ''}`} onClick={() => set('risk', k)}>
              <Text className="rp-num">{page.counts[k]}</Text>
              <Text className="rp-lbl">{riskLabels[k]}</Text>
            </View>
          ))}
        </View>
      )}
      <Input
        className="input"
        id="dashboard-search"
        type="text"
        maxlength={40}
        value={query}
        placeholder="搜索服务站、学会或县市区"
        onInput={(e) => setQuery(e.detail.value)}
      />
      <Text className="rp-bar">排序</Text>
      <View className="rp-chips">
        {sorts.map(([k, label]) =>
          chip(`sort-${k}`, `${label}${sort.by === k && sort.desc ? ' ↓' : ''}`, sort.by === k, () =>
            setSort((s) => ({ by: k, desc: s.by === k ? !s.desc : false })),
          ),
        )}
      </View>
      <View
        className={`rp-filter-toggle ${filtersOn ? 'on' : ''}`}
        id="dashboard-filter-toggle"
        data-open={filtersOpen ? '1' : '0'}
        data-count={filtersOn}
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        <Text>筛选{filtersOn ? `（已选 ${filtersOn} 项）` : ''}</Text>
        <Text className="muted">{filtersOpen ? '收起 ▴' : '展开 ▾'}</Text>
      </View>
      {filtersOpen && (
        <View id="dashboard-filters">
          <View className="rp-chips">
            {chip('filter-atrisk', '只看有风险', !!filters.atRisk, () => setFilters((x) => ({ ...x, atRisk: !x.atRisk })))}
            {f?.levels.map((l) =>
              chip(`filter-level-${l.id}`, l.label, filters.level === l.id, () => set('level', l.id as DashboardFilters['level'])),
            )}
            {f?.grades.map((g) =>
              chip(`filter-grade-${g}`, `预计${g}`, filters.grade === g, () => set('grade', g as DashboardFilters['grade'])),
            )}
          </View>
          {f && f.counties.length > 1 && (
            <View className="rp-chips">
              {f.counties.map((c) => chip(`filter-county-${c.id}`, c.label, filters.castUnitId === c.id, () => set('castUnitId', c.id)))}
            </View>
          )}
          {f && f.industryFields.length > 1 && (
            <View className="rp-chips">
              {f.industryFields.map((x) =>
                chip(`filter-field-${x}`, x, filters.industryField === x, () =>
                  set('industryField', x as DashboardFilters['industryField']),
                ),
              )}
            </View>
          )}
          {f && f.societies.length > 1 && f.societies.length <= 30 && (
            <View className="rp-chips">
              {f.societies.map((s) => chip(`filter-society-${s.id}`, s.label, filters.societyId === s.id, () => set('societyId', s.id)))}
            </View>
          )}
        </View>
      )}
      <View className="row">
        <Button className="btn-plain" size="mini" id="export-dashboard" onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
        <Button
          className="btn-plain"
          size="mini"
          id="nav-assessment"
          onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/assessment/index' })}
        >
          年度考核
        </Button>
        <Button
          className="btn-plain"
          size="mini"
          id="nav-outbox"
          onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/outbox/index' })}
        >
          提醒
        </Button>
      </View>
      <NoticeText notice={action.notice} />
      {!page && !error && <Text className="muted">加载中…</Text>}
      {page && page.total > 0 && (
        <Text className="muted" id="dashboard-total">
          符合条件 {page.total} 个
        </Text>
      )}
      {page && page.total === 0 && (
        <Text className="muted" id="dashboard-empty">
          没有符合的服务站
        </Text>
      )}
      {rows.map((r) => (
        <Row key={r.stationId} r={r} />
      ))}
      {page && rows.length < page.total && (
        <Button className="btn-plain" id="load-more" disabled={busy} onClick={() => void load(rows.length)}>
          加载更多（{rows.length}/{page.total}）
        </Button>
      )}
    </View>
  );
}
