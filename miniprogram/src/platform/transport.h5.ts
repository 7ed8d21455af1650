import type { Answer } from '@shared/errors';
import { OfflineError, ServerError } from '../services/errors';
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
  } catch (e) {
    // the browser knows whether it has a network; online and still no answer: the local host is down
    if (!navigator.onLine) throw new OfflineError();
    throw new ServerError({ kind: 'server', reason: 'unknown', code: null, detail: String(e).slice(0, 300) }, fn, action);
  }
  // the local host answers every call with JSON (an error answer too); anything else is a proxy or a crash
  if (!(res.headers.get('content-type') ?? '').includes('json')) {
    const reason = res.status === 504 ? 'timeout' : res.status === 404 ? 'notDeployed' : 'crashed';
    throw new ServerError({ kind: 'server', reason, code: String(res.status), detail: `HTTP ${res.status}` }, fn, action);
  }
  return (await res.json()) as Answer<unknown>;
};
