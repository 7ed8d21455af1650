/**
 * Issue 12, finding 6: every callFunction rejection used to read "网络不可用" and wait forever. The
 * classification over real wx.cloud.callFunction rejections (errMsg strings as reported in public issue
 * threads: guren-cloud/v-request#7 and #11, wenbintian/lottery#1, LCM9902/Duck-Princess-Cultivation-Plan#16,
 * Mint-green/UnlearnableWord#10, hzm0321/taro-cloud-print#1, buhuia/xixili#1, Spade-sec/First#2; network
 * failures as wx.request reports them, wendux/fly#210), then the bounded retries of the offline queue.
 */
import { classifyCallFailure, MAX_SERVER_ATTEMPTS, serverBackoffMs, shouldReport } from '../../../miniprogram/src/lib/call-failure';

const wx = (errMsg: string, errCode?: number) => (errCode === undefined ? { errMsg } : { errCode, errMsg });

describe('classifyCallFailure: offline vs the function not answering', () => {
  test.each([
    // server: timed out
    ['cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds', null, 'timeout', '-504003'],
    [
      wx('cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 20 seconds', -504003),
      'wifi',
      'timeout',
      '-504003',
    ],
    ['cloud.callFunction:fail timeout', '4g', 'timeout', null],
    // server: not deployed
    [
      'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID , cloud function service error code -504002, error message Function not found: [getByNameLevel]; at cloud.callFunction api;',
      null,
      'notDeployed',
      '-504002',
    ],
    [
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found. (callId: 1694400404469-0.21911505857247282) (trace: 10:46:44 start->10:46:44 system error (Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.), abort)',
      'wifi',
      'notDeployed',
      '-501000',
    ],
    // server: crashed (wrong runtime, a missing collection, a bug)
    [
      'Error: errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 1cb63f35-794c-11e9-b01f-525400e8849e, cloud function service error code -504002, error message wx is not defined; at cloud.callFunction api;',
      'wifi',
      'crashed',
      '-504002',
    ],
    [
      new Error(
        'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 16a64188-1c34-446a-b65a-945beb53944b, cloud function service error code -504002, error message Error: collection.update:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist.',
      ),
      '4g',
      'crashed',
      '-504002',
    ],
    [
      'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 3e7eda4e, cloud function service error code -504002, error message connect ECONNREFUSED 127.0.0.1:8080',
      'wifi',
      'crashed',
      '-504002',
    ],
    [wx("errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first", -1), 'wifi', 'config', null],
    // offline: no network on the phone
    ['cloud.callFunction:fail request:fail 似乎已断开与互联网的连接。', null, 'offline', null],
    [wx('cloud.callFunction:fail request:fail 网络连接已中断。'), 'wifi', 'offline', null],
    [wx('request:fail 请求超时。'), 'unknown', 'offline', null],
    [wx('request:fail Unable to resolve host "tcb-api.tencentcloudapi.com": No address associated with hostname'), '4g', 'offline', null],
    [wx('request:fail -2:net::ERR_INTERNET_DISCONNECTED'), null, 'offline', null],
    // the platform says there is no network: offline whatever the message
    [wx('cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds'), 'none', 'offline', null],
  ])('%#: %p (network %p) → %p', (e, network, kind, code) => {
    const f = classifyCallFailure(e, network as string | null);
    if (kind === 'offline') expect(f).toEqual({ kind: 'offline' });
    else expect(f).toMatchObject({ kind: 'server', reason: kind, code });
  });

  test('an unrecognised rejection with a network is a server failure, not "offline"', () => {
    expect(classifyCallFailure(new Error('something else'), 'wifi')).toMatchObject({ kind: 'server', reason: 'unknown' });
  });
});

describe('bounded retries and rate-limited reports', () => {
  test('backoff grows and is capped; a handful of tries', () => {
    expect([1, 2, 3, 4].map(serverBackoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(serverBackoffMs(30)).toBe(30 * 60_000);
    expect(MAX_SERVER_ATTEMPTS).toBeGreaterThanOrEqual(3);
    expect(MAX_SERVER_ATTEMPTS).toBeLessThanOrEqual(8);
  });
  test('a report per function and kind at most once in 10 minutes', () => {
    expect(shouldReport({}, 'stations:timeout', 1000)).toBe(true);
    expect(shouldReport({ 'stations:timeout': 1000 }, 'stations:timeout', 1000 + 9 * 60_000)).toBe(false);
    expect(shouldReport({ 'stations:timeout': 1000 }, 'stations:crashed', 2000)).toBe(true);
    expect(shouldReport({ 'stations:timeout': 1000 }, 'stations:timeout', 1000 + 10 * 60_000)).toBe(true);
  });
});
