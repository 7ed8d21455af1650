import type { Me } from '@shared/api/identity';
import type { Role } from '@shared/schemas/org';
import Taro from '@tarojs/taro';
import { identityClient } from './identity';

/** Each role's home; one subpackage per role family. */
export const homeOf: Record<Role, string> = {
  expert: '/packages/expert/pages/home/index',
  hostContact: '/packages/expert/pages/home/index',
  secretary: '/packages/secretary/pages/home/index',
  countyStaff: '/packages/staff/pages/home/index',
  cityStaff: '/packages/staff/pages/home/index',
  talentOffice: '/packages/staff/pages/home/index',
  reviewer: '/packages/staff/pages/home/index',
  provincialStaff: '/packages/staff/pages/home/index',
  // 市财政局 (issue 14): its city's projects with checks waiting for its opinion
  financeBureau: '/pages/awards/finance/index',
};

let cached: Me | null = null;
export async function loadMe(force = false): Promise<Me> {
  if (!cached || force) cached = await identityClient.me({});
  return cached;
}
export const forgetMe = () => {
  cached = null;
};

/** Open the home of the person's primary role, or the invite page when unbound. */
export async function goHome(me: Me) {
  const url = me.primaryRole ? homeOf[me.primaryRole] : '/pages/unbound/index';
  await Taro.reLaunch({ url });
}
