import type { PendingKind } from '@shared/api/applications';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { pendingKindLabels, pendingKinds } from '../../../../components/review/pending';
import { NavButton, WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../hooks/useMe';
import { applicationsClient } from '../../../../services/applications';
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

/** Home of CAST staff, the talent office and review experts. */
export default function StaffHome() {
  const { me, error } = useMe();
  const isStaff = me?.bindings.some((b) => b.role === 'cityStaff' || b.role === 'countyStaff');
  const oversees = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice'].includes(b.role));
  const isCity = me?.bindings.some((b) => b.role === 'cityStaff');
  const reviews = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice', 'reviewer'].includes(b.role));
  // counted once the bindings are known (useDidShow runs on every return to the page)
  const counts = usePending(true);
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
      {oversees && (
        <NavButton url="/packages/staff/pages/dashboard/index" id="nav-dashboard">
          服务站考核看板
        </NavButton>
      )}
      {isCity && (
        <NavButton url="/packages/staff/pages/assessment/index" id="nav-assessment">
          年度考核
        </NavButton>
      )}
      {oversees && (
        <NavButton url="/packages/staff/pages/outbox/index" id="nav-outbox">
          提醒发件箱
        </NavButton>
      )}
      {oversees && (
        <NavButton url="/packages/staff/pages/sanctions/index" id="nav-sanctions">
          处理决定
        </NavButton>
      )}
      {reviews && (
        <NavButton url="/packages/staff/pages/queue/index" id="nav-queue">
          申报审核
        </NavButton>
      )}
      {isStaff && (
        <NavButton url="/packages/staff/pages/people/index" id="nav-people">
          人员与邀请码
        </NavButton>
      )}
    </View>
  );
}
