import cloud from 'wx-server-sdk';
import { cloudDeps, initCloud } from '../_kernel/cloud/wire';
import { awards } from './function';

// Thin wiring only: the platform's OPENID is the sole source of identity.
initCloud(cloud);
const deps = cloudDeps(cloud);
export const main = async (event: unknown) => awards(event, cloud.getWXContext().OPENID, deps);
