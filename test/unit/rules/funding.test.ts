import { type FundingInput, fundingDue } from '../../../shared/rules/funding';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023');
const due = (pid: string, kind: string, input: FundingInput) => fundingDue(programme(pid), kind, input);

describe('[yiyang-station-2023:funding.station] station funding after an assessment (第十六条)', () => {
  it.each([
    // level, year, passed, amount
    ['provincial', 1, true, 100_000],
    ['provincial', 2, true, 100_000],
    ['city', 1, true, 50_000],
    ['city', 2, true, 50_000],
    ['provincial', 1, false, 0],
    ['city', 2, false, 0],
    ['city', 3, true, 0],
  ] as const)('a %s station in year %i (passed: %s) is due %i yuan', (level, yearIndex, passed, amount) => {
    const r = fundingDue(station, 'station', { level, yearIndex, passed, termYears: 2 });
    expect(r).toMatchObject({ amountYuan: amount, caseByCase: false, clause: '第十六条' });
  });
  it('says why a failed assessment gets nothing', () => {
    expect(fundingDue(station, 'station', { level: 'city', yearIndex: 1, passed: false, termYears: 2 }).reason).toBe(
      '第 1 年绩效考核不合格，不予资助',
    );
  });
  it('names the term-end payment', () => {
    expect(fundingDue(station, 'station', { level: 'provincial', yearIndex: 2, passed: true, termYears: 2 }).reason).toBe(
      '省级学会服务站期满绩效考核合格，给予 100,000 元经费资助',
    );
  });
  it('decides a national station case by case (一事一议)', () => {
    for (const passed of [true, false]) {
      const r = fundingDue(station, 'station', { level: 'national', yearIndex: 1, passed, termYears: 2 });
      expect(r).toMatchObject({ amountYuan: null, caseByCase: true });
      expect(r.reason).toContain('一事一议');
    }
  });
  it('explains a case-by-case level without a note in its own words', () => {
    const bare = {
      ...station,
      kinds: station.kinds.map((k) =>
        k.funding.type === 'byLevel'
          ? { ...k, funding: { ...k.funding, levels: { ...k.funding.levels, national: { type: 'caseByCase' as const } } } }
          : k,
      ),
    };
    expect(fundingDue(bare, 'station', { level: 'national', yearIndex: 1, passed: true }).reason).toBe('国家级学会服务站经费资助一事一议');
  });
  it('pays the term-end instalment at the end of a longer negotiated term, nothing in between', () => {
    expect(fundingDue(station, 'station', { level: 'city', yearIndex: 2, passed: true, termYears: 3 }).amountYuan).toBe(0);
    expect(fundingDue(station, 'station', { level: 'city', yearIndex: 3, passed: true, termYears: 3 }).amountYuan).toBe(50_000);
  });
  it('pays only the first instalment for a one-year term', () => {
    expect(fundingDue(station, 'station', { level: 'city', yearIndex: 1, passed: true, termYears: 1 }).amountYuan).toBe(50_000);
  });
  it('uses the 2-year term of 第七条(三) when none is given', () => {
    expect(fundingDue(station, 'station', { level: 'city', yearIndex: 2, passed: true }).amountYuan).toBe(50_000);
  });
  it('cannot compute without a level', () => {
    expect(fundingDue(station, 'station', { yearIndex: 1, passed: true }).amountYuan).toBeNull();
  });
  it('pays nothing for a level with no funding rule', () => {
    const noCity = {
      ...station,
      kinds: station.kinds.map((k) =>
        k.funding.type === 'byLevel' ? { ...k, funding: { ...k.funding, levels: { provincial: k.funding.levels.provincial } } } : k,
      ),
    };
    expect(fundingDue(noCity, 'station', { level: 'city', yearIndex: 1, passed: true })).toMatchObject({
      amountYuan: 0,
      reason: '市级学会服务站无资助安排',
    });
  });
  it('pays an instalment that needs no pass even after a failed year', () => {
    const lenient = {
      ...station,
      kinds: station.kinds.map((k) =>
        k.funding.type === 'byLevel'
          ? {
              ...k,
              funding: {
                ...k.funding,
                levels: {
                  ...k.funding.levels,
                  city: {
                    type: 'instalments' as const,
                    instalments: [{ id: 'start', when: { at: 'year' as const, yearIndex: 1 }, amountYuan: 1_000, requiresPass: false }],
                  },
                },
              },
            }
          : k,
      ),
    };
    expect(fundingDue(lenient, 'station', { level: 'city', yearIndex: 1, passed: false }).amountYuan).toBe(1_000);
  });
});

describe('amounts set each round, paid once after passing', () => {
  it.each([
    ['[yiyang-capacity-2018:funding.demonstration]', 'demonstration'],
    ['[yiyang-capacity-2018:funding.academic]', 'academic'],
    ['[yiyang-capacity-2018:funding.social-service]', 'social-service'],
    ['[yiyang-capacity-2018:funding.society-building]', 'society-building'],
    ['[wuhan-award:funding.award]', 'award'],
  ])('%s pays the round amount once', (tag, kind) => {
    const pid = tag.slice(1, tag.indexOf(':'));
    expect(due(pid, kind, { yearIndex: 1, passed: true, roundAmountYuan: 30_000 }).amountYuan).toBe(30_000);
    expect(due(pid, kind, { yearIndex: 1, passed: false, roundAmountYuan: 30_000 }).amountYuan).toBe(0);
    expect(due(pid, kind, { yearIndex: 2, passed: true, roundAmountYuan: 30_000 }).amountYuan).toBe(0);
    const unset = due(pid, kind, { yearIndex: 1, passed: true });
    expect(unset.amountYuan).toBeNull();
    expect(unset.reason).toContain('尚未设置');
  });
});

describe('[pingdingshan-five-star:funding.five-star] five-star: a first award, then half of it in years 2 and 3 after passing (五(三))', () => {
  it.each([
    [1, true, 80_000, 80_000],
    [2, true, 80_000, 40_000],
    [3, true, 80_000, 40_000],
    [2, false, 80_000, 0],
    [3, false, 80_000, 0],
    [4, true, 80_000, 0],
    [1, false, 80_000, 0],
    // half of an odd amount is rounded down to the yuan
    [2, true, 30_001, 15_000],
  ] as const)('year %i, passed %s, first award %i → %i', (yearIndex, passed, firstAwardYuan, amount) => {
    expect(due('pingdingshan-five-star', 'five-star', { yearIndex, passed, firstAwardYuan }).amountYuan).toBe(amount);
  });
  it('takes the first award from the round amount when not given separately', () => {
    expect(due('pingdingshan-five-star', 'five-star', { yearIndex: 2, passed: true, roundAmountYuan: 60_000 }).amountYuan).toBe(30_000);
  });
  it('cannot compute without the first award', () => {
    expect(due('pingdingshan-five-star', 'five-star', { yearIndex: 2, passed: true }).amountYuan).toBeNull();
  });
  it('removes the title when a later year fails', () => {
    expect(due('pingdingshan-five-star', 'five-star', { yearIndex: 2, passed: false, firstAwardYuan: 1 }).reason).toContain('取消荣誉称号');
  });
});

describe('Weihai caps, paid once (五)', () => {
  it.each([
    ['[weihai-2025:funding.class-a]', 'class-a', 50_000],
    ['[weihai-2025:funding.class-b]', 'class-b', 20_000],
    ['[weihai-2025:funding.promotion]', 'promotion', 20_000],
  ])('%s: below, at and above the cap of %s', (tag, kind, cap) => {
    const pid = tag.slice(1, tag.indexOf(':'));
    expect(due(pid, kind as string, { yearIndex: 1, passed: true, requestedYuan: (cap as number) - 1 })).toMatchObject({
      amountYuan: (cap as number) - 1,
      capped: false,
    });
    expect(due(pid, kind as string, { yearIndex: 1, passed: true, requestedYuan: cap as number })).toMatchObject({
      amountYuan: cap,
      capped: false,
    });
    const above = due(pid, kind as string, { yearIndex: 1, passed: true, requestedYuan: (cap as number) + 1 });
    expect(above).toMatchObject({ amountYuan: cap, capped: true });
    expect(above.reason).toContain('超过上限');
    expect(due(pid, kind as string, { yearIndex: 2, passed: true, requestedYuan: 1 }).amountYuan).toBe(0);
    expect(due(pid, kind as string, { yearIndex: 1, passed: false, requestedYuan: 1 }).amountYuan).toBe(0);
    expect(due(pid, kind as string, { yearIndex: 1, passed: true }).amountYuan).toBeNull();
  });
});

describe('bad input is a programming error', () => {
  it.each([
    [{ yearIndex: 0, passed: true }],
    [{ yearIndex: 1.5, passed: true }],
    [{ yearIndex: 1, passed: true, requestedYuan: -1 }],
    [{ yearIndex: 1, passed: true, firstAwardYuan: 10.5 }],
    [{ yearIndex: 1, passed: true, roundAmountYuan: Number.NaN }],
  ])('%o throws', (input) => {
    expect(() => due('weihai-2025', 'class-a', input)).toThrow(RangeError);
  });
  it('an unknown kind throws', () => {
    expect(() => due('weihai-2025', 'class-c', { yearIndex: 1, passed: true })).toThrow(RangeError);
  });
});
