import type { AgreementEntry } from '../../schemas/records';
import type { AgreementPercents } from './tally';

/**
 * 第十二条(一) agreement progress is cumulative: the percent that counts at a year's end is the highest
 * reported on or before it. Tallies keep each year's counted reports (`agreementEntries`) and that
 * year's cumulative `agreement`; these two functions are the only arithmetic on them, shared by the
 * writer (the stations repository) and the readers (the stations and reports repositories).
 */

export const noAgreement: AgreementPercents = Object.freeze({ all: 0, verified: 0 });

/** `acc` raised by a year's counted reports (verified ones raise the verified basis too). */
export function accumulateAgreement(entries: Readonly<Record<string, AgreementEntry>>, acc: AgreementPercents): AgreementPercents {
  let { all, verified } = acc;
  for (const e of Object.values(entries)) {
    all = Math.max(all, e.percent);
    if (e.verified) verified = Math.max(verified, e.percent);
  }
  return { all, verified };
}

/**
 * The progress a year with no tally yet starts from: carried over from the station's earlier years
 * (any of them may be missing — a year with nothing logged has no tally). Each earlier tally
 * contributes its own cumulative percent and its reports, so the answer is right from the latest
 * earlier year alone or from all of them.
 */
export function carriedAgreement(
  earlier: ReadonlyArray<{ yearIndex: number; agreement?: AgreementPercents; agreementEntries?: Readonly<Record<string, AgreementEntry>> }>,
  yearIndex: number,
): AgreementPercents {
  let acc = noAgreement;
  for (const d of [...earlier].filter((x) => x.yearIndex < yearIndex).sort((a, b) => a.yearIndex - b.yearIndex)) {
    if (d.agreement) acc = { all: Math.max(acc.all, d.agreement.all), verified: Math.max(acc.verified, d.agreement.verified) };
    acc = accumulateAgreement(d.agreementEntries ?? {}, acc);
  }
  return acc;
}
