import { libraryCalendar, workingDaysBetween } from '../../shared/calendar';
import { type Harness, makeDeps } from '../support/handlers';
import { day, workingDaysFrom, write } from './reports-fixtures';

/**
 * Reminders (第十二条(二)): st-agri-heshan's Q4 ends on Friday 2026-12-25; with the default window of
 * 5 working days, reminders go out from Monday 2026-12-21. 王建国 (p-exp-agri-1) has 7 of 10 days;
 * the four others have 10. The tea station's quarter ends 2027-01-14, outside its window.
 */
const AGRI = 'st-agri-heshan';
let h: Harness;
async function setup(now: string) {
  h = await makeDeps({ now });
  await write(h, [
    ...[2, 3, 4, 5].flatMap((i) => workingDaysFrom('2026-10-09', 10).map((d) => day(AGRI, `p-exp-agri-${i}`, d))),
    ...workingDaysFrom('2026-10-09', 7).map((d) => day(AGRI, 'p-exp-agri-1', d)),
  ]);
}
afterEach(async () => {
  await h.close();
});

describe('a week before the quarter ends (2026-12-21)', () => {
  beforeEach(() => setup('2026-12-21T09:00:00+08:00'));

  it('the expert short of days and the society secretary get one reminder each', async () => {
    const r = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(r.ok).toBe(true);
    expect(workingDaysBetween('2026-12-21', '2026-12-25', libraryCalendar).count).toBe(5);
    expect(r.data).toMatchObject({ asOf: '2026-12-21', stationsChecked: 2, stationsInWindow: 1, sent: 2, alreadySent: 0, failed: 0 });
    const [expert, secretary] = r.data.items;
    expect(expert).toMatchObject({
      id: 'p-exp-agri-1:st-agri-heshan:1-Q4',
      personName: '王建国',
      role: 'expert',
      status: 'sent',
      quarterEnd: '2026-12-25',
    });
    expect(expert.body).toBe(
      '您在「益阳市农学会赫山服务站」第1考核年度第4季度已登记 7 天，要求不少于 10 天，还差 3 天。本季度至 2026-12-25 结束，还剩 5 个工作日。',
    );
    expect(secretary).toMatchObject({ id: 'p-sec-agri:st-agri-heshan:1-Q4', personName: '刘芳', role: 'secretary', status: 'sent' });
    expect(secretary.body).toMatch(/有 1 位专家服务天数不足：王建国差 3 天/);
    // the local notifier delivered to the person's own WeChat identity (local outbox)
    const delivered = await h.deps.db.find<any>('outbox', { personId: 'p-exp-agri-1' }, { limit: 10 });
    expect(delivered.some((d) => d.openid === 'local-p-exp-agri-1' && d.templateKey === 'stationDaysShort' && d.data.number2 === '7')).toBe(
      true,
    );
  });

  it('sending again (or twice at once) sends nothing new: once per person per quarter', async () => {
    const [a, b] = await Promise.all([
      h.call('reports', 'sendReminders', {}, 'p-city-staff'),
      h.call('reports', 'sendReminders', {}, 'p-heshan-staff'),
    ]);
    expect(a.data.sent + b.data.sent).toBe(2);
    expect(a.data.alreadySent + b.data.alreadySent).toBe(2);
    h.clock.advance(3 * 3600_000);
    const again = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(again.data).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(again.data.explanation).toBe('本季度的提醒此前已发送过（2 条，每人每季度只发一次），这次没有新的提醒。');
    const outbox = await h.call('reports', 'listOutbox', {}, 'p-heshan-staff');
    expect(outbox.data.total).toBe(2);
    expect(outbox.data.items.map((i: any) => i.statusLabel)).toEqual(['已发送', '已发送']);
  });

  it('a send that fails is marked and retried by the next run; an undeliverable one is kept for staff to see', async () => {
    const real = h.deps.notifier;
    let calls = 0;
    h.deps.notifier = {
      async send(msg) {
        calls++;
        if (msg.personId === 'p-exp-agri-1') throw new Error('errcode 43101 user refuse to accept the msg');
        return { sent: false, detail: '未配置模板 stationTeamShort' };
      },
    };
    const first = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(first.data).toMatchObject({ sent: 0, failed: 1 });
    expect(first.data.items.map((i: any) => [i.role, i.status])).toEqual([
      ['expert', 'failed'],
      ['secretary', 'undeliverable'],
    ]);
    h.deps.notifier = real;
    const second = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(second.data).toMatchObject({ sent: 1, failed: 0, alreadySent: 1 });
    expect(calls).toBe(2);
    const outbox = (await h.call('reports', 'listOutbox', { stationId: AGRI }, 'p-city-staff')).data.items;
    expect(outbox.find((i: any) => i.role === 'expert')).toMatchObject({ status: 'sent' });
    expect(outbox.find((i: any) => i.role === 'secretary')).toMatchObject({
      status: 'undeliverable',
      detail: '未配置模板 stationTeamShort',
    });
  });

  it('a county sends for its own stations only and sees only its own outbox; experts may not send', async () => {
    const tj = await h.call('reports', 'sendReminders', {}, 'p-taojiang-staff');
    expect(tj.data).toMatchObject({ stationsChecked: 1, stationsInWindow: 0, sent: 0 });
    await h.call('reports', 'sendReminders', {}, 'p-heshan-staff');
    expect((await h.call('reports', 'listOutbox', {}, 'p-taojiang-staff')).data.total).toBe(0);
    expect((await h.call('reports', 'sendReminders', {}, 'p-exp-agri-1')).error!.code).toBe('AUTH.FORBIDDEN');
    expect((await h.call('reports', 'sendReminders', {}, 'p-talent')).error!.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('before the window (2026-12-10, 12 working days left)', () => {
  beforeEach(() => setup('2026-12-10T09:00:00+08:00'));
  it('nobody is reminded yet', async () => {
    const r = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    expect(r.data).toMatchObject({ stationsInWindow: 0, sent: 0, items: [] });
  });
  it('says why nothing was sent, and from when what would be sent (issue 15, finding 11)', async () => {
    const r = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    // the window opens on the first day with 5 working days left: Saturday 2026-12-19 for st-agri-heshan
    expect(r.data.explanation).toBe(
      '今天没有服务站处于提醒期（提醒只在季度结束前 5 个工作日内发送），所以没有发送。2026-12-19 起，1 个服务站进入提醒期，届时将提醒本季度服务天数仍不足的专家和学会秘书长（每人每季度一次）。',
    );
  });
});
