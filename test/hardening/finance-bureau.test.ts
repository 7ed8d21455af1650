import { z } from 'zod';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { COUNTY_B, seedSecondCity } from '../../local/demo/second-city';
import { apis } from '../../shared/api';
import { getProgramme } from '../../shared/programmes';
import type { AwardDoc } from '../../shared/schemas/awards';
import { type Harness, makeDeps } from '../support/handlers';
import { WRITES_WITHOUT_REQUEST_ID } from '../support/write-actions';

/**
 * The finance bureau (市财政局, p-finance: financeBureau of 益阳市) — issue 14: it reads its city's awards and
 * gives only the check opinions a programme names for it; it decides nothing. The authorization matrix
 * (authz-matrix.ts) has one column per persona and no finance-bureau column (adding one rewrites every row),
 * so this sweep stands beside it:
 *   - EVERY write action of the awards, applications, org, reports and stations functions (the api registry:
 *     an input with a request id, or listed in test/support/write-actions.ts — so an action added later joins)
 *     is refused with AUTH.FORBIDDEN and writes nothing, except awards.giveOpinion (its own opinions:
 *     test/handlers/awards-checks.test.ts proves the allowed and the refused slots);
 *   - every read of another city's award (岳阳市, local/demo/second-city.ts) is refused, and the lists and
 *     queues leave it out — while its own city's award is read (the control).
 */
const FINANCE = 'p-finance';
const FNS = ['awards', 'applications', 'org', 'reports', 'stations'] as const;
/** The one write the finance bureau makes: an opinion its role is named for. */
const ALLOWED_WRITES = ['awards.giveOpinion'];
const T = Date.parse('2026-03-02T10:00:00+08:00');

const wuhan = () => getProgramme('wuhan-award')!;
function awardDoc(id: string, castUnitId: string, societyId: string): AwardDoc {
  const p = wuhan();
  return {
    id,
    applicationId: `app-${id}`,
    programmeId: p.id,
    kindId: p.kinds[0]!.id,
    castUnitId,
    applicant: { type: 'society', societyId, hostUnitId: null },
    title: `${id} 示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 1_500_000,
    amountReason: '',
    agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
    budgets: [],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
  };
}
const OWN = awardDoc('aw_finance-own', 'cast-heshan', 'soc-agri');
const OTHER = awardDoc('aw_finance-other', COUNTY_B, 'soc-yy-agri');

let h: Harness;
let otherCheckId: string;
let ownCheckId: string;
beforeAll(async () => {
  h = await makeDeps({ now: '2026-04-01T10:00:00+08:00', seeders: [seedSecondCity] });
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, OWN);
    await tables.awards.insert(tx, OTHER);
  });
  // the checks exist once their overseeing staff list them
  const firstCheck = async (awardId: string, staff: string) => {
    const r = await h.call('awards', 'listChecks', { awardId }, staff);
    expect(r.error).toBeUndefined();
    return (r.data as { items: { id: string }[] }).items[0]!.id;
  };
  ownCheckId = await firstCheck(OWN.id, 'p-city-staff');
  otherCheckId = await firstCheck(OTHER.id, 'p-yy-city-staff');
});
afterAll(async () => {
  await h.close();
});

const writes = FNS.flatMap((fn) =>
  Object.entries(apis[fn]).flatMap(([action, c]) => {
    const key = `${fn}.${action}`;
    const hasRequestId = c.input instanceof z.ZodObject && 'requestId' in c.input.shape;
    return hasRequestId || WRITES_WITHOUT_REQUEST_ID.includes(key) ? [[fn, action] as const] : [];
  }),
);

describe('the finance bureau writes nothing but its own check opinions', () => {
  it('the sweep covers the post-award writes (the registry is read, not a list kept here)', () => {
    const keys = writes.map(([fn, a]) => `${fn}.${a}`);
    for (const k of ['awards.decideCheck', 'awards.recordPayment', 'awards.decideConsequence', 'awards.setAmount', 'awards.giveOpinion'])
      expect(keys).toContain(k);
    expect(keys.length).toBeGreaterThan(60);
  });

  it.each(writes.filter(([fn, a]) => !ALLOWED_WRITES.includes(`${fn}.${a}`)))(
    '%s.%s: AUTH.FORBIDDEN, nothing written',
    async (fn, action) => {
      const before = JSON.stringify(h.snapshot());
      // refused before its input is read: the same answer for any input
      for (const data of [
        { requestId: `req-fin-${fn}-${action}` },
        { requestId: `req-fin2-${fn}-${action}`, awardId: OWN.id, checkId: ownCheckId },
      ]) {
        const r = await h.call(fn, action, data, FINANCE);
        expect([fn, action, r.ok, r.error?.code]).toEqual([fn, action, false, 'AUTH.FORBIDDEN']);
      }
      expect(JSON.stringify(h.snapshot())).toBe(before);
    },
  );
});

describe('the finance bureau reads its own city’s awards only', () => {
  const OTHER_SUBJECT = { type: 'award' as const, id: OTHER.id };
  it('its own city’s award, money and check are read (the control)', async () => {
    expect((await h.call('awards', 'get', { awardId: OWN.id }, FINANCE)).error).toBeUndefined();
    expect((await h.call('awards', 'moneyView', { subject: { type: 'award', id: OWN.id } }, FINANCE)).error).toBeUndefined();
    expect((await h.call('awards', 'getCheck', { checkId: ownCheckId }, FINANCE)).error).toBeUndefined();
  });

  it.each([
    ['get', () => ({ awardId: OTHER.id })],
    ['exportAgreement', () => ({ awardId: OTHER.id })],
    ['moneyView', () => ({ subject: OTHER_SUBJECT })],
    ['listChecks', () => ({ awardId: OTHER.id })],
    ['getCheck', () => ({ checkId: otherCheckId })],
    ['exportAcceptanceReport', () => ({ checkId: otherCheckId })],
    ['listConsequences', () => ({ subject: OTHER_SUBJECT })],
  ] as const)('awards.%s of 岳阳市’s award: refused', async (action, input) => {
    const r = await h.call('awards', action, input(), FINANCE);
    expect([action, r.ok, r.error?.code]).toEqual([action, false, 'AUTH.FORBIDDEN']);
  });

  it('the lists, the check queue, the consequences and the funding summary leave 岳阳市’s award out', async () => {
    const list = JSON.stringify((await h.call('awards', 'list', {}, FINANCE)).data);
    expect(list).not.toContain(OTHER.id);
    const queue = await h.call('awards', 'checkQueue', {}, FINANCE);
    expect(queue.error).toBeUndefined();
    expect(JSON.stringify(queue.data)).toContain(OWN.id);
    expect(JSON.stringify(queue.data)).not.toContain(OTHER.id);
    expect(JSON.stringify(queue.data)).not.toContain(otherCheckId);
    const consequences = await h.call('awards', 'listConsequences', {}, FINANCE);
    expect(consequences.error).toBeUndefined();
    expect(JSON.stringify(consequences.data)).not.toContain(OTHER.id);
  });
});
