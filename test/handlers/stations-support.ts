import { randomBytes } from 'node:crypto';
import { localOpenidOf } from '../../local/demo/org';
import type { Harness } from '../support/handlers';

/** Small builders for the stations handler tests (not a test file: no `.test.` in the name). */
export const AGRI = 'st-agri-heshan'; // plaque 2025-12-26, year 1 = 2025-12-26 … 2026-12-25, Q4 from 2026-09-26
export const TEA = 'st-tea-taojiang'; // plaque 2025-10-15, year 2 from 2026-10-15
export const AGRI_EXPERT = 'p-exp-agri-1';
export const AGRI_EXPERT_2 = 'p-exp-agri-2';
export const TEA_EXPERT = 'p-exp-tea-1';
export const AGRI_HOST = 'p-host-heshan';
export const TEA_HOST = 'p-host-tea';

/** A client-generated request id, as the app makes one per tap. */
export const rid = () => `t-${randomBytes(9).toString('hex')}`;

/** China-time instant for the movable clock. */
export const at = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`);

export function stationsCalls(h: Harness) {
  const call = (action: string, data: Record<string, unknown>, who: string | null | { openid: string }) =>
    h.call('stations', action, data, who);
  return {
    call,
    day: (who: string, date: string, extra: Record<string, unknown> = {}) =>
      call('logServiceDay', { requestId: rid(), stationId: AGRI, date, ...extra }, who),
    training: (who: string, date: string, trainees: unknown, extra: Record<string, unknown> = {}) =>
      call(
        'logTraining',
        { requestId: rid(), stationId: AGRI, date, topic: '水稻绿色高产技术培训', place: '赫山区农技站', trainees, ...extra },
        who,
      ),
    confirm: (who: string, recordId: string, decision: 'confirm' | 'dispute' = 'confirm', reason = '') =>
      call('confirmEntry', { requestId: rid(), recordId, decision, reason }, who),
    tally: async (stationId = AGRI, yearIndex = 1) => (await h.deps.store.stations.tally(stationId, yearIndex))?.counters ?? {},
    record: (id: string) => h.deps.store.stations.getRecord(id),
    audit: (id: string) => h.deps.store.audit.forEntity('record', id),
  };
}

/** Put an expert on a second station's team (with a binding), for the across-stations rule. */
export async function joinSecondStation(h: Harness, personId: string, stationId: string) {
  const st = (await h.deps.store.org.station(stationId))!;
  await h.deps.store.org.putStation({ ...st, expertIds: [...st.expertIds, personId] });
  await h.deps.store.identity.seedBinding({
    id: `bd-test-${personId}-${stationId}`,
    openid: localOpenidOf(personId),
    personId,
    role: 'expert',
    scope: { societyId: null, stationId, hostUnitId: null, castUnitId: null },
    createdAt: h.clock.now(),
    createdBy: 'p-city-staff',
    revokedAt: null,
    revokedBy: null,
  });
}

/** A real 1×1 PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
