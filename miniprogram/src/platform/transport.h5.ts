import type { Answer } from '@shared/errors';
import { OfflineError } from '../services/errors';
import { localSession } from './session';
import type * as Contract from './transport';

export const invoke: typeof Contract.invoke = async (fn, action, data) => {
  let res: Response;
  try {
    res = await fetch(`/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': localSession.get() },
      body: JSON.stringify({ action, data }),
    });
  } catch {
    throw new OfflineError();
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) throw new OfflineError();
  return (await res.json()) as Answer<unknown>;
};
