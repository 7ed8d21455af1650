import {
  addCounts,
  clearedBy,
  emptyHostUnit,
  emptySociety,
  formFieldOf,
  hostUnitFormOf,
  hostUnitLocalIssues,
  hostUnitPayload,
  importIssueLine,
  issuesBySheet,
  societyFormOf,
  societyPayload,
} from '../../../miniprogram/src/lib/org-forms';
import { type HostUnitView, type SocietyView, saveHostUnitInput, saveSocietyInput } from '../../../shared/api/org';

/**
 * The staff organisation forms (miniprogram/src/lib/org-forms.ts, issue 13 item 4): what a save sends —
 * accepted by the action's own contract, an emptied optional field cleared on an update and left out on
 * a create — how the server's field paths name the form's fields, and the import preview's error lines.
 */
const society: SocietyView = {
  id: 'soc-1',
  name: '益阳市农学会',
  level: 'city',
  castUnitId: 'cast-yiyang',
  creditCode: '51430900MJ0000000X',
  contact: { name: '张三', phone: '13700000000' },
  active: true,
  castUnitName: '益阳市科协',
};
const host: HostUnitView = {
  id: 'hu-1',
  name: '赫山区科协',
  kind: 'city_county_cast',
  castUnitId: 'cast-heshan',
  address: '益阳市赫山区',
  location: { lat: 28.55, lng: 112.36, radiusM: 800 },
  hasFundedExpertWorkstation: true,
  active: true,
  castUnitName: '赫山区科协',
};
const parse = <T>(schema: { safeParse: (x: unknown) => { success: boolean; data?: T } }, x: unknown) => {
  const r = schema.safeParse(x);
  expect(r.success).toBe(true);
  return r.data as T;
};

describe('society form', () => {
  it('a new society sends only what was filled: name, level and the default CAST unit', () => {
    const f = { ...emptySociety('cast-yiyang'), name: ' 益阳市茶叶学会 ', level: 'county' as const };
    const body = societyPayload(f, null);
    expect(body).toEqual({ name: '益阳市茶叶学会', level: 'county', castUnitId: 'cast-yiyang' });
    parse(saveSocietyInput, { requestId: 'r-000000000001', society: body });
  });
  it('an edit that empties the credit code and the contact clears them (null), never keeps the old values silently', () => {
    const f = { ...societyFormOf(society), creditCode: ' ', contactName: '', contactPhone: '' };
    const body = societyPayload(f, 'soc-1');
    expect(body).toMatchObject({ id: 'soc-1', creditCode: null, contact: null });
    parse(saveSocietyInput, { requestId: 'r-000000000002', society: body });
  });
  it('an unchanged edit sends the stored values back', () => {
    expect(societyPayload(societyFormOf(society), 'soc-1')).toEqual({
      id: 'soc-1',
      name: society.name,
      level: 'city',
      castUnitId: 'cast-yiyang',
      creditCode: society.creditCode,
      contact: society.contact,
    });
  });
});

describe('host unit form', () => {
  it('its stored location, radius and workstation flag come back unchanged from the form', () => {
    const body = hostUnitPayload(hostUnitFormOf(host), 'hu-1');
    expect(body).toMatchObject({ location: host.location, hasFundedExpertWorkstation: true, address: host.address });
    parse(saveHostUnitInput, { requestId: 'r-000000000003', hostUnit: body });
  });
  it('a location is all three numbers or none: a half-filled one is marked before sending', () => {
    const f = { ...emptyHostUnit('cast-heshan'), name: '某园区科协', lat: '28.5' };
    expect(hostUnitLocalIssues(f)).toEqual({
      'location.lng': '请填写经度（或把位置三项都留空）',
      'location.radiusM': '请填写签到半径（或把位置三项都留空）',
    });
    expect(hostUnitLocalIssues({ ...f, lng: '东经', radiusM: '500' })).toEqual({ 'location.lng': '请填写数字' });
    expect(hostUnitLocalIssues({ ...f, lat: '', lng: '', radiusM: '' })).toEqual({});
  });
  it('emptying the location of a stored host unit clears it; a new one without a location leaves it out', () => {
    expect(hostUnitPayload({ ...hostUnitFormOf(host), lat: '', lng: '', radiusM: '' }, 'hu-1')).toMatchObject({ location: null });
    expect(Object.keys(hostUnitPayload({ ...emptyHostUnit(null), name: 'x' }, null))).not.toContain('location');
  });
});

it("the server's field paths name the form's fields", () => {
  expect(formFieldOf('society.creditCode')).toBe('creditCode');
  expect(formFieldOf('hostUnit.location.radiusM')).toBe('location.radiusM');
  expect(formFieldOf('society.contact.phone')).toBe('contactPhone');
  expect(formFieldOf('society.contact.name')).toBe('contactName');
});

describe('import preview', () => {
  const answer = {
    sheets: [
      { sheet: '学会', create: [3, 4], update: [5], unchanged: [] },
      { sheet: '人员', create: [], update: [], unchanged: [3] },
    ],
    errors: [
      { sheet: '学会', row: 17, column: '统一社会信用代码', message: '统一社会信用代码应为 18 位数字或大写字母' },
      { sheet: '学会', row: 11, column: '级别', message: '级别应为：全国、省级、市级、县级' },
      { sheet: '服务站', row: 9, column: '', message: '该行无法读取' },
    ],
  };
  it('every error reads 第 N 行 · 列名 · 说明, by sheet and row', () => {
    expect(issuesBySheet(answer)).toEqual([
      {
        sheet: '学会',
        lines: [
          '第 11 行 · 级别 · 级别应为：全国、省级、市级、县级',
          '第 17 行 · 统一社会信用代码 · 统一社会信用代码应为 18 位数字或大写字母',
        ],
      },
      { sheet: '服务站', lines: ['第 9 行 · 整行 · 该行无法读取'] },
    ]);
    expect(importIssueLine(answer.errors[0]!)).toBe('第 17 行 · 统一社会信用代码 · 统一社会信用代码应为 18 位数字或大写字母');
  });
  it("a commit's steps add up per sheet", () => {
    const once = addCounts({}, answer);
    expect(addCounts(once, answer)).toEqual({ 学会: { create: 4, update: 2, unchanged: 0 }, 人员: { create: 0, update: 0, unchanged: 2 } });
  });
});

it('typing in a field takes away its own mark (the location marks with any of its three parts), the others stay', () => {
  const marks = {
    creditCode: '统一社会信用代码应为 18 位数字或大写字母',
    'location.lat': '请填写纬度',
    location: '位置不完整',
    name: '请填写',
  };
  expect(clearedBy(marks, ['creditCode'])).toEqual({ 'location.lat': '请填写纬度', location: '位置不完整', name: '请填写' });
  expect(clearedBy(marks, ['lat'])).toEqual({ creditCode: marks.creditCode, name: '请填写' });
  expect(clearedBy(marks, ['contactName'])).toEqual(marks);
});
