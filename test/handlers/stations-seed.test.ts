import { settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { demoSeeders } from '../../local/seeders';
import { addDays } from '../../shared/calendar';
import { sumContributions } from '../../shared/rules/assessment/tally';
import { type Harness, makeDeps } from '../support/handlers';
import { AGRI, AGRI_EXPERT, TEA } from './stations-support';

let h: Harness;
beforeAll(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00', seeders: demoSeeders });
});
afterAll(async () => {
  await h.close();
});

describe('the local demo records (written through the repository)', () => {
  it.each([AGRI, TEA])('%s: a realistic mix, tallies equal to a recount, nothing in the last three days', async (stationId) => {
    const station = (await h.deps.store.org.station(stationId))!;
    const { records, total } = await h.deps.store.stations.listRecords({ stationId }, { limit: 1000 });
    expect(total).toBe(records.length);
    expect(total).toBeGreaterThan(50);
    const kinds = new Set(records.map((r) => r.kind));
    for (const k of ['serviceDay', 'training', 'research', 'tackling', 'problem', 'agreement']) expect(kinds).toContain(k);
    const statuses = new Set(records.map((r) => r.status));
    expect(statuses).toContain('confirmed');
    expect(statuses).toContain('pending');
    expect(records.every((r) => r.date >= station.plaqueDate && r.date <= addDays('2026-11-20', -3))).toBe(true);
    const settings = settingsFor(station);
    const all = await h.deps.store.stations.talliesFor([stationId], 1);
    const expected = sumContributions(records, station, settings);
    const year1 = Object.fromEntries(Object.entries(expected).filter(([k]) => k.split('|')[1] === '1'));
    expect(all.get(stationId)?.counters).toEqual(year1);
  });
  it('the demo expert can log today straight away', async () => {
    const r = await h.call(
      'stations',
      'logServiceDay',
      { requestId: 'seed-test-today-1', stationId: AGRI, date: '2026-11-20' },
      AGRI_EXPERT,
    );
    expect(r.ok).toBe(true);
    const p = await h.call('stations', 'myProgress', {}, AGRI_EXPERT);
    expect(p.data.mine.quarter.days).toBeLessThan(10);
    expect(p.data.mine.quarter.days).toBeGreaterThan(1);
  });
});
