import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apis } from '../../shared/api';
import { rid } from '../handlers/stations-support';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Identity cannot be forged (issue 7 §3): no action reads identity from the event or its data.
 * Forged fields are ignored, a forged role opens nothing, and the only OPENID source in the code is
 * cloud.getWXContext() in each function's index.ts (the bundles are grepped in test/builds/cloud-bundles.test.ts).
 */
const forged = {
  openid: 'local-p-city-staff',
  _openid: 'local-p-city-staff',
  OPENID: 'local-p-city-staff',
  userInfo: { openId: 'local-p-city-staff', appId: 'wx0000000000000000' },
  role: 'cityStaff',
  roles: ['cityStaff'],
  personId: 'p-city-staff',
  authorId: 'p-city-staff',
  expertId: 'p-exp-agri-2',
  createdBy: 'p-city-staff',
  status: 'confirmed',
};

let h: Harness;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => h.close());

it('a logged entry belongs to the caller whatever the data claims, and is not pre-confirmed', async () => {
  const r = await h.call(
    'stations',
    'logServiceDay',
    { requestId: rid(), stationId: 'st-agri-heshan', date: '2026-11-18', ...forged },
    'p-exp-agri-1',
  );
  expect(r.ok).toBe(true);
  expect(r.data.record).toMatchObject({ authorId: 'p-exp-agri-1', expertId: 'p-exp-agri-1', status: 'pending' });
  const audit = await h.deps.store.audit.forEntity('record', r.data.record.id);
  expect(audit[0]).toMatchObject({ actorId: 'p-exp-agri-1' });
});

it.each([
  ['reports', 'dashboard', {}],
  ['identity', 'listBindings', {}],
  [
    'identity',
    'createInvite',
    {
      role: 'cityStaff',
      personId: 'p-exp-agri-1',
      scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-yiyang' },
    },
  ],
  ['stations', 'confirmEntry', { requestId: 'aaaaaaaaaa', recordId: 'rc_x', decision: 'confirm' }],
])('%s.%s: a role claimed in the data opens nothing (expert caller → AUTH.FORBIDDEN or not-host)', async (fn, action, data) => {
  const before = h.snapshot();
  const r = await h.call(fn, action, { ...data, ...forged }, 'p-exp-agri-1');
  expect(['AUTH.FORBIDDEN', 'STATION.NOT_HOST_CONTACT', 'NOT_FOUND']).toContain(r.error?.code);
  expect(h.snapshot()).toEqual(before);
});

it.each(Object.entries(apis).flatMap(([fn, api]) => Object.keys(api).map((a) => [fn, a] as const)))(
  '%s.%s without an OPENID is refused even when the data carries one',
  async (fn, action) => {
    const r = await h.call(fn, action, forged, null);
    expect(r.error?.code).toBe('AUTH.UNAUTHENTICATED');
  },
);

it('the event itself cannot carry identity: an event-level userInfo/openid is ignored by the router', async () => {
  const { localFunctions } = await import('../../local/functions');
  const r = await localFunctions.identity!(
    { action: 'me', data: {}, userInfo: { openId: 'local-p-city-staff' }, openid: 'local-p-city-staff' },
    null,
    h.deps,
  );
  expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } });
});

/** Static check: handler code never reads identity from the request. */
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
it('no handler reads OPENID, userInfo or an openid field from the event or its data', () => {
  const files = walk('cloudfunctions').filter((f) => !f.includes('_kernel/db/'));
  const offenders: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const isIndex = /cloudfunctions\/[a-z]+\/index\.ts$/.test(f);
    if (/getWXContext\(\)/.test(src) && !isIndex) offenders.push(`${f}: getWXContext outside index.ts`);
    if (/\b(event|data|input|ev)\s*(\.|\?\.)\s*(userInfo|openid|_openid|OPENID)\b/.test(src))
      offenders.push(`${f}: reads identity from the request`);
  }
  expect(offenders).toEqual([]);
  // and every function's index.ts takes the OPENID from the platform context
  const indexes = files.filter((f) => /cloudfunctions\/[a-z]+\/index\.ts$/.test(f));
  expect(indexes.length).toBe(Object.keys(apis).length);
  for (const f of indexes) expect(readFileSync(f, 'utf8')).toMatch(/cloud\.getWXContext\(\)\.OPENID/);
});
