import { seedApplicationRounds } from '../../local/demo/applications';
import { seedSecondCity } from '../../local/demo/second-city';
import { chinaDateOf } from '../../shared/calendar';
import type { Programme } from '../../shared/programmes';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import { type Harness, makeDeps } from '../support/handlers';
import { callsOf, DISTRICT_UNITS, ok, rid, seedDistrictUnits, seedTestUnits } from './applications-support';

/**
 * Red team of issue 16 item 4 (district-scoped programmes), through the real handlers on the demo
 * organisation with the second city (岳阳市, its county 平江县科协):
 *   - a district programme names its district WITHIN its city (`city: 益阳市`): a county of another city
 *     carrying the same name (岳阳's county renamed 赫山区科协 by 岳阳's own city staff) neither enables it,
 *     opens its rounds, lists it as its own nor offers it to its societies;
 *   - an award of a district programme is not imported for a society outside the issuing county.
 */
const definition = JSON.parse(JSON.stringify({ programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] }));
const p = definition.programme as Programme;

let h: Harness;
beforeAll(async () => {
  h = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits, seedDistrictUnits, seedSecondCity] });
  ok(
    await h.call(
      'org',
      'installProgramme',
      { requestId: rid(), definition, fileName: 'heshan-society-stars.json', mode: 'commit' },
      'p-city-staff',
    ),
  );
});
afterAll(async () => {
  await h.close();
});

const today = () => chinaDateOf(h.clock.now());
const year = () => Number(today().slice(0, 4));
const enable = (who: string, castUnitId: string) =>
  h.call('org', 'setProgrammeEnabled', { castUnitId, programmeId: p.id, enabled: true, requestId: rid() }, who);
const saveRound = (who: string) =>
  h.call(
    'org',
    'saveRound',
    { requestId: rid(), round: { programmeId: p.id, year: year(), opensOn: today(), closesOn: `${year()}-12-31`, limits: {} } },
    who,
  );

describe('[heshan-society-stars:scope] red team: a district of the same name in another city', () => {
  beforeAll(async () => {
    // 岳阳's own city staff name their county after 益阳's district (a real-world clash: 鼓楼区 is in four cities)
    ok(
      await h.call('org', 'saveCastUnit', { requestId: rid(), castUnit: { id: 'cast-pingjiang', name: '赫山区科协' } }, 'p-yy-city-staff'),
    );
  });

  it('岳阳’s 赫山区科协 cannot enable 益阳’s 赫山区 programme nor open its round; nothing is written', async () => {
    const before = await h.snapshot();
    const enabled = await enable('p-yy-county-staff', 'cast-pingjiang');
    expect(enabled.error?.code).toBe('AUTH.FORBIDDEN');
    expect(enabled.error?.message).toBe('该项目由赫山区科协发布，只有赫山区科协可以启用');
    expect((await saveRound('p-yy-county-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    expect(await h.snapshot()).toEqual(before);
  });

  it('it is not listed as the 岳阳 county’s own programme, and not offered to 岳阳’s societies even where the id is stored', async () => {
    const lists = ok(await h.call('org', 'cityProgrammes', {}, 'p-yy-county-staff')).cities as { castUnitId: string }[];
    expect(lists.map((c) => c.castUnitId)).toEqual(['cast-yueyang']);
    // stored before the rule (or by hand): the id on 岳阳's county offers nothing to its societies
    const unit = (await h.deps.store.org.castUnit('cast-pingjiang'))!;
    await h.deps.store.org.putCastUnit({ ...unit, programmeIds: [p.id] });
    const calls = ok(await callsOf(h)('openCalls', {}, 'p-yy-sec')).calls as { programmeId: string }[];
    expect(calls.map((c) => c.programmeId)).not.toContain(p.id);
    await h.deps.store.org.putCastUnit(unit);
  });

  it('the real 赫山区科协 of 益阳 still enables it and opens its round (control)', async () => {
    expect(ok(await enable('p-heshan-staff', 'cast-heshan')).changed).toBe(true);
    expect((await h.deps.store.applications.round(ok(await saveRound('p-heshan-staff')).id))?.castUnitId).toBe('cast-heshan');
    const calls = ok(await callsOf(h)('openCalls', {}, DISTRICT_UNITS.heshan[0]!.secretary)).calls as { programmeId: string }[];
    expect(calls.map((c) => c.programmeId)).toContain(p.id);
  });
});

describe('[heshan-society-stars:scope] red team: importing an award of a district programme', () => {
  const importAward = (societyId: string) =>
    h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: p.id,
          kindId: 'evaluation',
          societyId,
          awardedOn: `${year()}-01-15`,
          title: '三星级学会',
          source: '2026年评估结果通知',
        },
      },
      'p-city-staff',
    );

  it('is refused for a society of another county (桃江): the programme is never awarded outside 赫山; nothing is written', async () => {
    const before = await h.snapshot();
    const r = await importAward(DISTRICT_UNITS.taojiang[0]!.societyId);
    expect(r.error?.code).toBe('INPUT.INVALID');
    expect(r.error?.issues).toEqual([{ path: 'award.societyId', message: '该项目由赫山区科协发布，只能录入赫山区所辖单位获得的认定' }]);
    expect(await h.snapshot()).toEqual(before);
  });

  it('is recorded for a 赫山 society (control)', async () => {
    expect(ok(await importAward(DISTRICT_UNITS.heshan[0]!.societyId)).created).toBe(true);
  });
});

describe('[heshan-society-stars:scope] red team: another city re-issuing or changing a district programme', () => {
  const install = (who: string, programme: Programme) =>
    h.call(
      'org',
      'installProgramme',
      {
        requestId: rid(),
        definition: { programme, forms: [heshanSocietyStarsForm] },
        fileName: 'heshan-society-stars.json',
        mode: 'commit',
      },
      who,
    );

  it('岳阳’s city staff may not install a new version of 益阳’s 赫山区 programme (e.g. moving it to their county); nothing is written', async () => {
    const before = await h.snapshot();
    const moved = { ...p, city: '岳阳市', scope: { level: 'district', district: '平江县' } } as Programme;
    const r = await install('p-yy-city-staff', moved);
    expect(r.error?.code).toBe('AUTH.FORBIDDEN');
    expect(r.error?.message).toBe('该项目由益阳市赫山区科协发布，只有益阳市科协可以安装或更新');
    // nor a changed version that stays 益阳's (a district programme of 益阳 is 益阳's to install)
    expect((await install('p-yy-city-staff', { ...p, title: `${p.title}（修订）` })).error?.code).toBe('AUTH.FORBIDDEN');
    expect(await h.snapshot()).toEqual(before);
  });

  it('益阳’s city staff install a new version of it (control)', async () => {
    expect(ok(await install('p-city-staff', { ...p, title: `${p.title}（修订）` })).version).toBe('v2');
  });
});
