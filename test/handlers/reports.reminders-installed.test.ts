import { remindAll } from '../../cloudfunctions/reports/actions/reminders';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import { type Harness, makeDeps } from '../support/handlers';
import { rid } from './applications-support';
import { day, workingDaysFrom, write } from './reports-fixtures';

/**
 * The reminders timer (cloudfunctions/reports/index.ts → remindAll) is not a routed call: it must load
 * the programme definitions installed at run time itself (issue 16 item 6), or a station of such a
 * programme is reminded by the default window instead of its own. Here st-agri-heshan belongs to an
 * installed programme whose window is 10 working days: on Monday 2026-12-14 (10 working days before
 * its quarter ends on Friday 12-25) the default 5-day window is not open yet, the programme's is.
 */
const AGRI = 'st-agri-heshan';
const installed = {
  programme: { ...JSON.parse(JSON.stringify(heshanSocietyStars)), assessment: { reminderWorkingDaysBeforeQuarterEnd: 10 } },
  forms: [JSON.parse(JSON.stringify(heshanSocietyStarsForm))],
};

let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-12-14T09:00:00+08:00' });
  const r = await h.call(
    'org',
    'installProgramme',
    { requestId: rid(), definition: installed, fileName: 'with-window.json', mode: 'commit' },
    'p-city-staff',
  );
  expect(r.ok).toBe(true);
  const station = (await h.deps.store.org.station(AGRI))!;
  await h.deps.store.org.putStation({ ...station, programmeId: installed.programme.id });
  await write(
    h,
    workingDaysFrom('2026-10-09', 7).map((d) => day(AGRI, 'p-exp-agri-1', d)),
  );
});
afterEach(async () => {
  await h.close();
});

describe('the reminders timer reads installed programme definitions', () => {
  it('the timer opens the installed programme’s 10-day window, as the routed sendReminders does', async () => {
    const timer = await remindAll(h.deps);
    expect(timer).toMatchObject({ asOf: '2026-12-14', stationsInWindow: 1 });
    expect(timer.items.map((i) => i.id)).toContain('p-exp-agri-1:st-agri-heshan:1-Q4');
    // the same station through the router (which loads the definitions for every call): the same window
    const routed = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(routed.data).toMatchObject({ stationsInWindow: 1, sent: 0 });
  });
});
