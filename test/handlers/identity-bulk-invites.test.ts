import type { BulkInvite } from '../../shared/api/identity';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * identity.createInvites (issue 13, item 3): one code per imported person, tied to that person, for the
 * role the register gives them (the expert of the station whose team they are on); the same request id
 * answers the same codes and writes nothing more; a person outside the caller's oversight refuses the call.
 */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => {
  await h.close();
});
const CITY = 'p-city-staff';
const ok = <T = any>(r: { ok: boolean; data?: T; error?: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
};
let n = 0;
const rid = () => `bulk-inv-${String(++n).padStart(6, '0')}`;

/** Two new persons on 益阳市农学会赫山服务站's team (as an import leaves them) and one on no team. */
async function imported() {
  const person = async (name: string, mobile: string) =>
    ok(
      await h.call(
        'org',
        'savePerson',
        { requestId: rid(), person: { name, mobile, societyId: 'soc-agri', castUnitId: 'cast-heshan' } },
        CITY,
      ),
    ).id as string;
  const a = await person('周新民', '13900001111');
  const b = await person('吴海燕', '13900002222');
  const loner = await person('郑无队', '13900003333');
  const st = ok(await h.call('org', 'listUnits', { kind: 'station', q: '赫山服务站' }, CITY)).items[0];
  const team = (st.team as { personId: string; from: string; to: string | null }[]).filter((m) => m.to === null);
  ok(
    await h.call(
      'org',
      'setTeam',
      {
        requestId: rid(),
        stationId: st.id,
        experts: [...team.map((m) => ({ personId: m.personId, from: m.from })), { personId: a }, { personId: b }],
      },
      CITY,
    ),
  );
  return { a, b, loner, station: st as { id: string; name: string } };
}

test('one code per team member, tied to them; the loner and a bound expert are skipped with the reason', async () => {
  const { a, b, loner, station } = await imported();
  const requestId = rid();
  const r = ok(await h.call('identity', 'createInvites', { requestId, personIds: [a, b, loner, 'p-exp-agri-1'] }, CITY));
  const invites: BulkInvite[] = r.invites;
  const by = Object.fromEntries(invites.map((x) => [x.personId, x]));
  expect(by[a]).toMatchObject({ personName: '周新民', role: 'expert', roleLabel: '服务站专家', scopeLabel: station.name, skipped: null });
  expect(by[a]!.code).toMatch(/^[A-Z0-9]{8}$/);
  expect(by[b]!.code).toMatch(/^[A-Z0-9]{8}$/);
  expect(by[a]!.code).not.toBe(by[b]!.code);
  expect(by[loner]).toMatchObject({ code: null, skipped: expect.stringContaining('不在任何服务站专家团队中') });
  expect(by['p-exp-agri-1']).toMatchObject({ code: null, skipped: '已绑定身份' });

  // the same request again: the same codes, and nothing more written
  const before = h.snapshot();
  const again = ok(await h.call('identity', 'createInvites', { requestId, personIds: [a, b, loner, 'p-exp-agri-1'] }, CITY));
  expect(again).toEqual(r);
  expect(h.snapshot()).toEqual(before);

  // the code binds a new WeChat user as that very person, expert of that station
  const me = ok(await h.call('identity', 'redeemInvite', { code: by[a]!.code }, { openid: 'o-bulk-newcomer' }));
  expect(me.person).toEqual({ id: a, name: '周新民' });
  expect(me.bindings).toEqual([expect.objectContaining({ role: 'expert', scopeLabel: station.name })]);
});

test('a person outside the caller’s oversight refuses the whole call and writes nothing', async () => {
  const { a } = await imported();
  const before = h.snapshot();
  const r = await h.call('identity', 'createInvites', { requestId: rid(), personIds: [a] }, 'p-taojiang-staff');
  expect(r.error?.code).toBe('AUTH.FORBIDDEN');
  expect(h.snapshot()).toEqual(before);
  // the county that oversees the station may
  const mine = ok(await h.call('identity', 'createInvites', { requestId: rid(), personIds: [a] }, 'p-heshan-staff'));
  expect(mine.invites[0].code).toMatch(/^[A-Z0-9]{8}$/);
  // an unknown person is an input error naming the row
  const unknown = await h.call('identity', 'createInvites', { requestId: rid(), personIds: [a, 'p-nobody'] }, CITY);
  expect(unknown.error?.code).toBe('INPUT.INVALID');
  // experts and secretaries may not
  expect((await h.call('identity', 'createInvites', { requestId: rid(), personIds: [a] }, 'p-sec-agri')).error?.code).toBe(
    'AUTH.FORBIDDEN',
  );
});

test('exportInvites: the caller’s own batch as an .xlsx with each code’s state now; another’s batch is refused', async () => {
  const { a, b, loner, station } = await imported();
  const requestId = rid();
  const made = ok(await h.call('identity', 'createInvites', { requestId, personIds: [a, b, loner] }, CITY));
  const invites: BulkInvite[] = made.invites;
  const codeOf = (id: string) => invites.find((x) => x.personId === id)?.code ?? '';
  ok(await h.call('identity', 'redeemInvite', { code: codeOf(a) }, { openid: 'o-bulk-export' }));
  const file = ok(await h.call('identity', 'exportInvites', { requestIds: [requestId] }, CITY));
  expect(file.file.name).toMatch(/^邀请码-\d{8}\.xlsx$/);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(Buffer.from(file.base64, 'base64')).buffer);
  const rows = (wb.getWorksheet('邀请码')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  expect(rows[0]).toEqual(['姓名', '身份', '服务站', '邀请码', '有效期至', '状态']);
  const by = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  expect(by.周新民).toEqual(['周新民', '服务站专家', station.name, codeOf(a), expect.any(String), '已使用']);
  expect(by.吴海燕).toEqual(['吴海燕', '服务站专家', station.name, codeOf(b), expect.any(String), '未使用']);
  expect(String(by.郑无队![5])).toContain('未生成');
  // the county overseeing the station did not make this batch: not theirs to export
  expect((await h.call('identity', 'exportInvites', { requestIds: [requestId] }, 'p-heshan-staff')).error?.code).toBe('AUTH.FORBIDDEN');
});
