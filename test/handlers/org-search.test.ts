import { type Harness, makeDeps } from '../support/handlers';

/**
 * The pickers' search (issue 13, item 4): org.listUnits finds a record by part of its name and — a query
 * of letters only — by part of its pinyin initials, computed on the server ("ny" finds 农业学会).
 */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => {
  await h.close();
});
const names = async (kind: string, q: string, who = 'p-city-staff') => {
  const r = await h.call('org', 'listUnits', { kind, q, limit: 200 }, who);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.data.items as { name: string }[]).map((x) => x.name).sort();
};

test('letters find a society by its pinyin initials, in any case and with spaces; Chinese still finds by name', async () => {
  const saved = await h.call(
    'org',
    'saveSociety',
    { requestId: 'search-1', society: { name: '益阳市农业学会', level: 'city' } },
    'p-city-staff',
  );
  expect(saved.ok).toBe(true);
  expect(await names('society', 'ny')).toEqual(['益阳市农业学会']);
  expect(await names('society', 'NY')).toEqual(['益阳市农业学会']);
  expect(await names('society', 'n y x h')).toEqual(['益阳市农业学会']);
  // 益阳市农学会 (yysnxh) and 益阳市机械工程学会 (yysjxgcxh) both start yys
  expect(await names('society', 'yys')).toEqual(['益阳市农业学会', '益阳市农学会', '益阳市机械工程学会'].sort());
  expect(await names('society', 'jxgc')).toEqual(['益阳市机械工程学会']);
  expect(await names('society', '农业')).toEqual(['益阳市农业学会']);
  expect(await names('society', 'zzz')).toEqual([]);
});

test('stations, host units and persons are found by initials too, within the caller’s oversight only', async () => {
  // 湖南省茶叶学会桃江服务站: hnscyxhtjfwz
  expect(await names('station', 'tjfwz')).toEqual(['湖南省茶叶学会桃江服务站']);
  expect(await names('hostUnit', 'tjxcy')).toEqual(['桃江县茶业有限公司科协']);
  // 赫山区 staff do not oversee 桃江县: the initials find nothing there
  expect(await names('station', 'tjfwz', 'p-heshan-staff')).toEqual([]);
  const persons = await h.call('org', 'listUnits', { kind: 'person', limit: 200 }, 'p-city-staff');
  const someone = (persons.data.items as { name: string }[])[0]!.name;
  const { pinyin } = await import('pinyin-pro');
  const initials = pinyin(someone, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  expect(await names('person', initials)).toContain(someone);
});
