import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { type DemoSeeder, localOpenidOf } from '../../local/demo/org';
import { CITY_B, secondCityPersons, seedSecondCity } from '../../local/demo/second-city';
import { getProgramme } from '../../shared/programmes';
import { fileUrlTtlMs, fileViewRefusalMessage } from '../../shared/rules/files';
import { checkDocIdOf } from '../../shared/rules/post-award/checks';
import type { AwardDoc } from '../../shared/schemas/awards';
import type { FileRef } from '../../shared/schemas/common';

import { type Harness, makeDeps } from '../support/handlers';

/**
 * Every post-award file opens for those who may see it (helper FILES14; last round's "files nobody could
 * open"): `awards.fileUrl` over a check material, a payment voucher, an expense receipt, the unit's receipt
 * proof and a station change request's attachment — the link the local host serves carries the stored
 * bytes and type. Someone who may not see the award or station (the applicant of another society, county
 * staff of another county, the finance bureau of another city, a station's other host contact) gets
 * AUTH.FORBIDDEN with the one message. The .docx exports (task agreement, acceptance report) and the .xlsx
 * summary are downloaded through their links and parsed.
 */
let h: Harness;
let n = 0;
const req = () => `req-files-${++n}`;
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PDF = PDF_BYTES.toString('base64');
const Y18 = () => getProgramme('yiyang-capacity-2018')!;
const AWARD = 'aw_app-yiyang-capacity-2018';
const SUBJ = { type: 'award' as const, id: AWARD };
const CK = checkDocIdOf(AWARD, 'yearly-acceptance', 1);
const STATION = 'st-agri-heshan';

/** The finance bureau of the second city (岳阳市财政局): a reader of its own city only. */
const seedOtherFinance: DemoSeeder = async (deps) => {
  await seedSecondCity(deps);
  const base = secondCityPersons.find((p) => p.id === 'p-yy-city-staff')!;
  await deps.store.org.putPerson({ ...base, id: 'p-yy-finance', name: '岳阳财政', title: '岳阳市财政局' });
  await deps.store.identity.seedBinding({
    id: 'bd-yy-finance',
    openid: localOpenidOf('p-yy-finance'),
    personId: 'p-yy-finance',
    role: 'financeBureau',
    scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: CITY_B },
    createdAt: T,
    createdBy: 'p-yy-city-staff',
    revokedAt: null,
    revokedBy: null,
  });
};

function award(): AwardDoc {
  const p = Y18();
  return {
    id: AWARD,
    applicationId: 'app-yiyang-capacity-2018',
    programmeId: p.id,
    kindId: p.kinds.find((k) => k.applicantType === 'society')!.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: `${p.title}示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 1_500_000,
    amountReason: '',
    agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
    budgets: [
      {
        version: 1,
        status: 'approved',
        lines: [{ id: 'l-meet', categoryId: 'meeting', amountFen: 1_500_000, purpose: '学术年会', justification: null }],
        changeReason: null,
        submittedAt: T,
        decision: { by: 'p-city-staff', at: T, comment: '' },
      },
    ],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
  };
}

const must = <D>(r: { ok: boolean; data?: D; error?: unknown }, what: string): D => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data as D;
};
const ledgerUpload = async (who: string, subject: { type: 'award' | 'station'; id: string }, name: string) =>
  must<FileRef>(
    await h.call('awards', 'uploadLedgerFile', { subject, name, mime: 'application/pdf', base64: PDF, requestId: req() }, who),
    name,
  );

const files: Record<string, FileRef> = {};

beforeAll(async () => {
  h = await makeDeps({ now: '2026-04-01T10:00:00+08:00', seeders: [seedOtherFinance] });
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, award());
  });
  // a check material (the unit), submitted
  must(await h.call('awards', 'listChecks', { awardId: AWARD }, 'p-sec-agri'), 'listChecks');
  const view = must<{ revision: number; materials: { id: string; required: boolean }[] }>(
    await h.call('awards', 'getCheck', { checkId: CK }, 'p-sec-agri'),
    'getCheck',
  );
  const materials: Record<string, FileRef[]> = {};
  for (const m of view.materials.filter((x) => x.required)) {
    const f = must<FileRef>(
      await h.call('awards', 'uploadCheckFile', { checkId: CK, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF }, 'p-sec-agri'),
      'uploadCheckFile',
    );
    materials[m.id] = [f];
    files['check material'] ??= f;
  }
  must(
    await h.call('awards', 'saveCheckMaterials', { requestId: req(), checkId: CK, revision: view.revision, materials }, 'p-sec-agri'),
    'save',
  );
  // a payment voucher (staff) and an expense receipt (the unit)
  files['payment voucher'] = await ledgerUpload('p-heshan-staff', SUBJ, '拨付凭证.pdf');
  must(
    await h.call(
      'awards',
      'recordPayment',
      {
        subject: SUBJ,
        paymentId: 'grant',
        amountFen: 1_500_000,
        date: '2026-03-20',
        vouchers: [files['payment voucher']],
        requestId: req(),
      },
      'p-heshan-staff',
    ),
    'recordPayment',
  );
  files['expense receipt'] = await ledgerUpload('p-sec-agri', SUBJ, '会议费发票.pdf');
  must(
    await h.call(
      'awards',
      'reportExpense',
      {
        subject: SUBJ,
        budgetLineId: 'l-meet',
        amountFen: 12_345,
        date: '2026-03-25',
        purpose: '年会',
        receipts: [files['expense receipt']],
        requestId: req(),
      },
      'p-sec-agri',
    ),
    'reportExpense',
  );
  // the unit's receipt proof (到账凭据), uploaded to the award's folder and filed on the award
  files['receipt proof'] = await ledgerUpload('p-sec-agri', SUBJ, '到账凭据.pdf');
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.put(tx, { ...award(), receiptProofs: [files['receipt proof']!] });
  });
  // a station change request's written application (the host contact), filed on the station
  files['change request attachment'] = await ledgerUpload('p-host-heshan', { type: 'station', id: STATION }, '撤站申请.pdf');
  must(
    await h.call(
      'awards',
      'requestStationChange',
      {
        requestId: req(),
        stationId: STATION,
        type: 'close',
        reason: '建站单位业务调整，申请撤销',
        attachments: [files['change request attachment']],
      },
      'p-host-heshan',
    ),
    'requestStationChange',
  );
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** The policy: who opens each file (beyond its uploader), who is refused. */
const cases: [string, string[], string[]][] = [
  // uploaded by p-sec-agri: overseeing staff (county, city), the city's finance bureau
  [
    'check material',
    ['p-sec-agri', 'p-heshan-staff', 'p-city-staff', 'p-finance'],
    ['p-sec-tea', 'p-taojiang-staff', 'p-yy-finance', 'p-host-tea', 'p-reviewer-1'],
  ],
  // uploaded by county staff: the unit reads it
  ['payment voucher', ['p-heshan-staff', 'p-sec-agri', 'p-city-staff', 'p-finance'], ['p-sec-tea', 'p-taojiang-staff', 'p-yy-finance']],
  ['expense receipt', ['p-sec-agri', 'p-heshan-staff', 'p-city-staff', 'p-finance'], ['p-sec-tea', 'p-taojiang-staff', 'p-yy-finance']],
  ['receipt proof', ['p-sec-agri', 'p-heshan-staff', 'p-city-staff', 'p-finance'], ['p-sec-tea', 'p-taojiang-staff', 'p-yy-finance']],
  // uploaded by the host contact: the station's society secretary, overseeing staff
  [
    'change request attachment',
    ['p-host-heshan', 'p-sec-agri', 'p-heshan-staff', 'p-city-staff', 'p-finance'],
    ['p-host-tea', 'p-sec-tea', 'p-taojiang-staff', 'p-yy-finance'],
  ],
];

describe('awards.fileUrl: every post-award file opens for its readers and no one else', () => {
  it.each(cases)('%s', async (what, readers, refused) => {
    const f = files[what]!;
    const problems: string[] = [];
    for (const who of readers) {
      const before = h.deps.changes();
      const r = await h.call('awards', 'fileUrl', { fileId: f.fileId }, who);
      if (h.deps.changes() !== before) problems.push(`${who}: a read wrote`);
      if (!r.ok) {
        problems.push(`${who}: ${JSON.stringify(r.error)}`);
        continue;
      }
      if (r.data.expiresAt > h.clock.now() + fileUrlTtlMs) problems.push(`${who}: expiresAt`);
      const served = await h.deps.files.served(r.data.url);
      if (!served.ok || !Buffer.from(served.bytes).equals(PDF_BYTES) || served.mime !== 'application/pdf')
        problems.push(`${who}: not served`);
    }
    for (const who of refused) {
      // the router's role gate (a reviewer) or the handler: AUTH.FORBIDDEN, the file not named
      const r = await h.call('awards', 'fileUrl', { fileId: f.fileId }, who);
      if (r.ok || r.error?.code !== 'AUTH.FORBIDDEN' || JSON.stringify(r).includes(f.fileId.slice(-20)))
        problems.push(`${who}: expected AUTH.FORBIDDEN, got ${JSON.stringify(r)}`);
    }
    expect(problems).toEqual([]);
  });

  it('a file no post-award record lists (an application material, a stranger’s upload, nothing at all) is not opened here', async () => {
    // uploaded to the award's folder but never filed on a record: only its uploader opens it
    const loose = await ledgerUpload('p-sec-agri', SUBJ, '未使用.pdf');
    expect((await h.call('awards', 'fileUrl', { fileId: loose.fileId }, 'p-sec-agri')).ok).toBe(true);
    for (const [fileId, who] of [
      [loose.fileId, 'p-city-staff'],
      [`${files['check material']!.fileId}x`, 'p-sec-agri'],
      ['cloud://env.bucket/applications/app-yiyang-capacity-2018/none.pdf', 'p-city-staff'],
    ] as const) {
      expect(await h.call('awards', 'fileUrl', { fileId }, who)).toEqual({
        ok: false,
        error: { code: 'AUTH.FORBIDDEN', message: fileViewRefusalMessage },
      });
    }
  });
});

describe('the exports download through their links as real files', () => {
  const download = async (r: { ok: boolean; data?: { url: string | null; file: FileRef } }) => {
    expect(r.ok).toBe(true);
    expect(r.data!.url).toEqual(expect.any(String));
    const served = await h.deps.files.served(r.data!.url!);
    if (!served.ok) throw new Error(`not served: ${JSON.stringify(served)}`);
    expect(served.mime).toBe(r.data!.file.mime);
    return Buffer.from(served.bytes);
  };
  const docxText = async (bytes: Buffer) => {
    const zip = await JSZip.loadAsync(bytes);
    return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  };

  it('the task agreement (.docx) and the acceptance report (.docx) open as Word documents', async () => {
    const agreement = await docxText(await download(await h.call('awards', 'exportAgreement', { awardId: AWARD }, 'p-sec-agri')));
    expect(agreement).toContain('益阳市农学会');
    expect(agreement).toContain('（盖章）');
    const report = await docxText(await download(await h.call('awards', 'exportAcceptanceReport', { checkId: CK }, 'p-finance')));
    expect(report).toContain('年度项目验收报告');
    expect(report).toContain('承担单位（益阳市农学会）');
    // another city's finance bureau gets neither
    expect((await h.call('awards', 'exportAcceptanceReport', { checkId: CK }, 'p-yy-finance')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await h.call('awards', 'exportAgreement', { awardId: AWARD }, 'p-yy-finance')).error?.code).toBe('AUTH.FORBIDDEN');
  });

  it('the yearly funding summary (.xlsx) opens as a workbook with the award’s money', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Uint8Array.from(await download(await h.call('awards', 'exportFundingSummary', { year: 2026 }, 'p-finance'))).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按项目', '按单位', '按开支类别']);
    const rows: unknown[][] = [];
    wb.getWorksheet('按单位')!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.find((x) => x[3] === award().title)?.slice(4, 7)).toEqual([15000, 15000, 123.45]);
  });
});
