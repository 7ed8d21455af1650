import { type Harness, makeDeps } from '../support/handlers';

/**
 * Issue 15, finding 11: the dashboard names the experts who are behind "with a tap to call". The number is asked
 * for one at a time (reports.expertContact) by staff overseeing the station, only for a member of its team, and
 * every answer leaves an audit event. Persons of the demo: every staff role × member / non-member / no number.
 */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  const p = (await h.deps.store.org.person('p-exp-agri-1'))!;
  await h.deps.store.org.putPerson({ ...p, mobile: '13900001111' });
  const other = (await h.deps.store.org.person('p-exp-tea-1'))!;
  await h.deps.store.org.putPerson({ ...other, mobile: '13900002222' });
});
afterEach(async () => {
  await h.close();
});

const ask = (who: string, stationId: string, personId: string) => h.call('reports', 'expertContact', { stationId, personId }, who);
const reveals = async () =>
  (await h.deps.store.audit.forEntity('person', 'p-exp-agri-1', 'all')).filter((e) => e.action === 'contact.reveal');

test.each([
  ['p-city-staff', true],
  ['p-heshan-staff', true],
  ['p-talent', true],
  ['p-taojiang-staff', false], // the other county does not oversee st-agri-heshan
])('%s asks for a member’s number of st-agri-heshan: given = %s, and each answer is audited', async (who, given) => {
  const r = await ask(who, 'st-agri-heshan', 'p-exp-agri-1');
  expect(r.ok).toBe(given);
  if (given) {
    expect(r.data).toEqual({ personId: 'p-exp-agri-1', name: expect.any(String), mobile: '13900001111' });
    const events = await reveals();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: who, after: { stationId: 'st-agri-heshan' } });
  } else {
    expect(JSON.stringify(r)).not.toContain('13900001111');
    expect(await reveals()).toHaveLength(0);
  }
});

test('a person who is not on that station’s team is not looked up through it (no number, nothing audited)', async () => {
  // p-exp-tea-1 is a member of st-tea-taojiang, not of st-agri-heshan
  const r = await ask('p-city-staff', 'st-agri-heshan', 'p-exp-tea-1');
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('NOT_FOUND');
  expect(JSON.stringify(r)).not.toContain('13900002222');
});

test('a member with no number on record: a clear Chinese answer, no dialing', async () => {
  const r = await ask('p-city-staff', 'st-agri-heshan', 'p-exp-agri-2');
  expect(r.ok).toBe(false);
  expect(r.error?.message).toMatch(/没有登记手机号码/);
});

test.each(['p-exp-agri-2', 'p-host-heshan', 'p-sec-agri', 'p-reviewer-1'])('%s (not staff) is refused', async (who) => {
  const r = await ask(who, 'st-agri-heshan', 'p-exp-agri-1');
  expect(r.ok).toBe(false);
  expect(JSON.stringify(r)).not.toContain('13900001111');
});
