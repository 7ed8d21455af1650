/**
 * Why a cloud function call failed, from what the platform rejected with — pure, so the table of real
 * errMsg strings in test/unit/app/call-failure.test.ts decides it. Two different things look alike:
 *  - offline: the phone has no network (the request never reached WeChat's servers): queue and resend
 *    when the network returns; nothing is wrong with the service;
 *  - server: the request reached the cloud and the function did not answer (timed out, crashed, not
 *    deployed, misconfigured environment): resending at once will not help, the person must be told it
 *    is not their network, and the operator must hear of it.
 * Forms seen in wx.cloud.callFunction rejections (errCode / errMsg):
 *   "cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds"
 *   "errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID …, cloud
 *    function service error code -504002, error message Function not found: [x]; at cloud.callFunction api;"
 *   "cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found. …"
 *   "cloud.callFunction:fail request:fail 似乎已断开与互联网的连接。" (no network)
 */
export type ServerReason = 'timeout' | 'notDeployed' | 'crashed' | 'config' | 'unknown';
export type CallFailure = { kind: 'offline' } | { kind: 'server'; reason: ServerReason; code: string | null; detail: string };

const textOf = (e: unknown): string => {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const o = e as { errMsg?: unknown; message?: unknown; errCode?: unknown };
    const parts = [o.errCode !== undefined ? `errCode: ${String(o.errCode)}` : '', String(o.errMsg ?? ''), String(o.message ?? '')];
    return parts.filter(Boolean).join(' | ');
  }
  return String(e);
};

/** network-level failures of wx.request / callFunction on the phone (any language the client speaks) */
const OFFLINE =
  /request:fail|ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ERR_NETWORK_CHANGED|ERR_CONNECTION|Unable to resolve host|断开|网络连接|网络不可用|无网络|network is unreachable|networkError|Failed to fetch|NetworkError|offline/i;

/**
 * `networkType`: what Taro.getNetworkType said right after the failure ('none' = no network), or null
 * when unknown. No network wins; otherwise the error's own words decide.
 */
export function classifyCallFailure(e: unknown, networkType: string | null = null): CallFailure {
  if (networkType === 'none') return { kind: 'offline' };
  const text = textOf(e);
  // the most specific code: -404011 only wraps the service's own (-504002 …)
  const codes = text.match(/-\d{6}\b/g) ?? [];
  const code = codes.find((c) => c !== '-404011') ?? codes[0] ?? null;
  const server = (reason: ServerReason): CallFailure => ({ kind: 'server', reason, code, detail: text.slice(0, 300) });
  if (/timed out|-504003|execution timeout|time ?out after/i.test(text)) return server('timeout');
  if (/Function not found|FunctionName parameter could not be found|FUNCTION_NOT_FOUND|-501000|找不到对应的FunctionName/i.test(text))
    return server('notDeployed');
  if (/Cloud API isn't enabled|wx\.cloud\.init|env (?:not found|not exist)|INVALID_ENV|-501007|-404006/i.test(text))
    return server('config');
  if (
    /-504002|-404011|cloud function execution error|functions? execute fail|Runtime\.|SyntaxError|is not defined|Cannot find module/i.test(
      text,
    )
  )
    return server('crashed');
  if (OFFLINE.test(text)) return { kind: 'offline' };
  // "cloud.callFunction:fail … timeout" with no network error: the function did not answer in time
  if (/timeout|超时/i.test(text)) return server('timeout');
  return server('unknown');
}

/** What the person reads for a server failure (never "网络不可用": their network is fine). */
export const serverFailureText: Record<ServerReason, string> = {
  timeout: '服务器处理超时，不是您的网络问题，请稍后重试；问题已自动上报',
  notDeployed: '服务暂未就绪（云函数未部署），不是您的网络问题；问题已自动上报，请联系科协管理员',
  crashed: '服务器出错，不是您的网络问题，请稍后重试；问题已自动上报',
  config: '服务配置有误，不是您的网络问题；问题已自动上报，请联系科协管理员',
  unknown: '服务器暂时无法处理，不是您的网络问题，请稍后重试；问题已自动上报',
};

/** Queued entries and server failures: at most this many automatic tries before the entry is shown as failed. */
export const MAX_SERVER_ATTEMPTS = 5;
/** Wait before the next automatic try after `attempts` server failures: 30 s, 1 min, 2 min … capped at 30 min. */
export const serverBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

/** Report a server failure at most once per key (function + reason) in this window. */
export const REPORT_WINDOW_MS = 10 * 60_000;
export function shouldReport(last: Readonly<Record<string, number>>, key: string, now: number): boolean {
  const t = last[key];
  return t === undefined || now - t >= REPORT_WINDOW_MS;
}
