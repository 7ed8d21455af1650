import { Text, View } from '@tarojs/components';
import { NavButton, WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../hooks/useMe';

/** Home of CAST staff, the talent office and review experts. */
export default function StaffHome() {
  const { me, error } = useMe();
  const isStaff = me?.bindings.some((b) => b.role === 'cityStaff' || b.role === 'countyStaff');
  const oversees = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice'].includes(b.role));
  const isCity = me?.bindings.some((b) => b.role === 'cityStaff');
  const reviews = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice', 'reviewer'].includes(b.role));
  return (
    <View className="page" id="home-staff">
      <Text className="title">科协工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
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
