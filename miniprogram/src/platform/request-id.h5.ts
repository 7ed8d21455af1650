import { hexRequestId } from '../lib/request-id';
import type * as Contract from './request-id';

export const newRequestId: typeof Contract.newRequestId = async () => {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return hexRequestId(bytes);
};
