import {
  authorChangeRefusal,
  confirmRefusal,
  kindChangeRefusal,
  loggingRefusal,
  studyForResult,
  withEntryFields,
  withResearchResult,
} from '../../../shared/rules/entry-changes';
import type { RecordStatus, StationRecord } from '../../../shared/schemas/records';
import { research, serviceDay, training } from '../assessment/fixtures';

/** An entry logged by p1 (the fixtures' author) in a given state. */
const entry = (status: RecordStatus) => serviceDay('e1', '2025-05-01', status);

describe('loggingRefusal (a de-listed station logs nothing more)', () => {
  it.each([
    ['active', null],
    ['rectifying', null],
    ['delisting', null],
    ['delisted', 'CONFLICT.STATE'],
  ] as const)('%s → %s', (status, code) => {
    expect(loggingRefusal({ status })?.code ?? null).toBe(code);
  });
});

describe('authorChangeRefusal (the author edits or withdraws an entry not yet confirmed)', () => {
  it.each<[string, RecordStatus, string, string | null, string | undefined]>([
    ['own pending entry', 'pending', 'p1', null, undefined],
    ['own disputed entry', 'disputed', 'p1', null, undefined],
    ['someone else’s entry', 'pending', 'p2', 'AUTH.FORBIDDEN', '只能修改或撤回自己登记的记录'],
    ['own confirmed entry', 'confirmed', 'p1', 'STATION.ENTRY_LOCKED', undefined],
    ['own withdrawn entry', 'withdrawn', 'p1', 'CONFLICT.STATE', '该记录已撤回；如需登记请重新填写'],
  ])('%s', (_name, status, me, code, message) => {
    const r = authorChangeRefusal(entry(status), me);
    expect(r?.code ?? null).toBe(code);
    expect(r?.message).toBe(message);
  });
});

describe('confirmRefusal (the host-unit contact confirms or disputes someone else’s entry, once)', () => {
  it.each<[RecordStatus, string, 'confirm' | 'dispute', string | null]>([
    ['pending', 'p9', 'confirm', null],
    ['pending', 'p9', 'dispute', null],
    ['disputed', 'p9', 'confirm', null],
    ['disputed', 'p9', 'dispute', 'CONFLICT.STATE'],
    ['confirmed', 'p9', 'confirm', 'STATION.ENTRY_LOCKED'],
    ['withdrawn', 'p9', 'confirm', 'CONFLICT.STATE'],
    ['pending', 'p1', 'confirm', 'AUTH.FORBIDDEN'],
  ])('%s, by %s, %s → %s', (status, me, decision, code) => {
    expect(confirmRefusal(entry(status), me, decision)?.code ?? null).toBe(code);
  });
});

describe('kindChangeRefusal and studyForResult', () => {
  it('keeps the kind of an entry', () => {
    expect(kindChangeRefusal('training', 'training')).toBeNull();
    expect(kindChangeRefusal('training', 'research')).toEqual({
      code: 'INPUT.INVALID',
      issues: [{ path: 'entry.kind', message: '不能改变记录的类别' }],
    });
  });
  it.each<[string, string | null, StationRecord]>([
    ['a study', null, research('2025-03-01', { status: 'confirmed' })],
    ['a withdrawn study', 'CONFLICT.STATE', research('2025-03-01', { status: 'withdrawn' })],
    ['a training', 'INPUT.INVALID', training('2025-03-01', 50)],
  ])('adds a result to %s → %s', (_name, code, r) => {
    const { study, refusal } = studyForResult(r);
    expect(refusal?.code ?? null).toBe(code);
    expect(study).toBe(code ? null : r);
  });
});

describe('withResearchResult (第十二条(三): a result goes back for confirmation)', () => {
  it.each<[RecordStatus, string]>([
    ['confirmed', '补充了调研成果，待建站单位再次确认'],
    ['pending', ''],
    ['disputed', ''],
  ])('on a %s study', (status, reason) => {
    const study = studyForResult(research('2025-03-01', { status })).study!;
    expect(withResearchResult(study, '报告', '2025-04-01')).toMatchObject({
      result: '报告',
      resultDate: '2025-04-01',
      status: 'pending',
      statusReason: reason,
    });
  });
});

describe('withEntryFields (derived fields follow the edit)', () => {
  const day = { ...serviceDay('e1', '2025-05-10', 'pending'), checkIn: { lat: 1, lng: 2, distanceM: 3, withinRadius: true } };
  it.each<[string, string, string, boolean, boolean]>([
    ['moved to an earlier date: backfilled, check-in dropped', '2025-05-08', '2025-05-10', true, false],
    ['moved to today: not backfilled, check-in dropped', '2025-05-10', '2025-05-10', false, false],
  ])('a service day %s', (_name, date, today, backfilled, keepsCheckIn) => {
    const moved = withEntryFields({ ...day, date: '2025-05-09' }, { kind: 'serviceDay', date, note: '', evidence: [] }, today);
    expect(moved).toMatchObject({ date, backfilled });
    expect(moved.kind === 'serviceDay' && moved.checkIn !== null).toBe(keepsCheckIn);
  });
  it('keeps a service day’s check-in when the date stays', () => {
    const same = withEntryFields(day, { kind: 'serviceDay', date: day.date, note: '改了备注', evidence: [] }, '2025-05-20');
    expect(same).toMatchObject({ note: '改了备注', backfilled: false, checkIn: day.checkIn });
  });
  it.each<[string, string, string | null, string | null]>([
    ['a result without a date: dated with the study', '报告', null, '2025-03-01'],
    ['a result with its date', '报告', '2025-03-09', '2025-03-09'],
    ['no result: no result date', '', '2025-03-09', null],
  ])('research: %s', (_name, result, resultDate, expected) => {
    const r = withEntryFields(research('2025-03-01'), { kind: 'research', date: '2025-03-01', result, resultDate }, '2025-04-01');
    expect(r.kind === 'research' && r.resultDate).toBe(expected);
  });
});
