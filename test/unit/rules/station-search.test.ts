import { stationMatchesQuery } from '../../../shared/rules/station-search';

/** The staff dashboard's station search (shared/rules/station-search.ts). */
const row = { name: '益阳市农学会赫山服务站', societyName: '益阳市农学会', castUnitName: '赫山区科协' };
const other = { name: '甲·全部达标服务站', societyName: 'AB 机械工程学会', castUnitName: '桃江县科协' };

describe('stationMatchesQuery', () => {
  it('keeps everything for an empty or blank query', () => {
    for (const q of [undefined, '', '   ', '\u3000']) expect(stationMatchesQuery(row, q)).toBe(true);
  });
  it('matches part of the station, society or county name', () => {
    expect(stationMatchesQuery(row, '赫山服务站')).toBe(true);
    expect(stationMatchesQuery(other, '机械工程')).toBe(true);
    expect(stationMatchesQuery(other, '桃江')).toBe(true);
    expect(stationMatchesQuery(row, '桃江')).toBe(false);
    expect(stationMatchesQuery(other, '农学会')).toBe(false);
  });
  it('ignores spaces (half- and full-width), full-width forms and letter case', () => {
    expect(stationMatchesQuery(row, '农学会 赫山')).toBe(true);
    expect(stationMatchesQuery(row, '农学会\u3000赫山')).toBe(true);
    expect(stationMatchesQuery(other, 'ａｂ机械')).toBe(true);
    expect(stationMatchesQuery(other, 'ab机械')).toBe(true);
    expect(stationMatchesQuery(other, '甲·全部')).toBe(true);
  });
  it('does not match across two names', () => {
    // "学会赫山" is in the station name; "农学会赫山区" spans the society and the county
    expect(stationMatchesQuery({ ...row, name: '甲服务站' }, '农学会赫山区')).toBe(false);
  });
});
