import { Text, View } from '@tarojs/components';
import { NavButton, WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../services/useMe';

/** Home of CAST staff, the talent office and review experts. */
export default function StaffHome() {
  const { me, error } = useMe();
  const isStaff = me?.bindings.some((b) => b.role === 'cityStaff' || b.role === 'countyStaff');
  const reviews = me?.bindings.some((b) => ['cityStaff', 'countyStaff', 'talentOffice', 'reviewer'].includes(b.role));
  return (
    <View className="page" id="home-staff">
      <Text className="title">科协工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
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
