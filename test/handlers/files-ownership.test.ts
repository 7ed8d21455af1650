import { fileRecordId } from '../../cloudfunctions/_kernel/store/files';
import { appliesToKind, programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, PDF } from './applications-support';
import { AGRI, AGRI_EXPERT, AGRI_EXPERT_2, rid, stationsCalls, TEA, TEA_EXPERT, tinyPng } from './stations-support';

/**
 * Issue 11, finding 6: a file is tied to its uploader and the unit it was uploaded for (storage path
 * and a `files` record); its type is checked against its bytes, its size taken from storage, its name
 * sanitised. Each attack from the finding is refused here; before, `attach` and the evidence check
 * only asked whether the file existed, and uploadAttachment stored what the client declared.
 */
const p = programmes['wuhan-award'];
const kind = p.kinds[0]!;
const material = p.materials.find((m) => m.required && appliesToKind(m, kind.id) && m.mimeTypes.includes('application/pdf'))!;
const pdfBytes = () => new Uint8Array(Buffer.from(PDF, 'base64'));

let h: Harness;
let call: ReturnType<typeof callsOf>;
beforeEach(async () => {
  h = await harness();
  call = callsOf(h);
});
afterEach(async () => h.close());

/** Two applications of two different societies, each with its uploads. */
async function twoSocieties() {
  const mine = await draftReady(h, p, kind, 1);
  const theirs = await draftReady(h, p, kind, 2);
  const theirFile = (await h.deps.store.applications.get(theirs.applicationId))!.attachments[0]!.file;
  return { mine, theirs, theirFile };
}

describe('attach', () => {
  it("a secretary cannot attach another society's uploaded PDF, under a new name and a 50 MB claimed size", async () => {
    const { mine, theirFile } = await twoSocieties();
    const before = h.snapshot();
    const r = await call(
      'attach',
      {
        applicationId: mine.applicationId,
        materialId: material.id,
        file: { ...theirFile, name: '我的材料.pdf', size: 50 * 1024 * 1024 },
        requestId: rid(),
      },
      mine.personId,
    );
    expect(r.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'file.fileId', message: expect.stringContaining('本人或本单位') }],
    });
    expect(h.snapshot()).toEqual(before);
  });

  it('attaching a file the app put in this application’s folder records it; size and name come from storage, not the claim', async () => {
    const { mine } = await twoSocieties();
    const put = await h.deps.files.put({
      name: '证明.pdf',
      mime: 'application/pdf',
      bytes: pdfBytes(),
      ownerOpenid: 'o',
      folder: `applications/${mine.applicationId}`,
    });
    const r = ok(
      await call(
        'attach',
        {
          applicationId: mine.applicationId,
          materialId: material.id,
          file: { ...put, name: '../../证明\u202efdp.pdf', size: 50 * 1024 * 1024 },
          requestId: rid(),
        },
        mine.personId,
      ),
    );
    expect(r.file).toEqual({ fileId: put.fileId, name: '证明fdp.pdf', size: pdfBytes().byteLength, mime: 'application/pdf' });
    const rec = await h.deps.store.files.get(put.fileId);
    expect(rec).toMatchObject({ kind: 'attachment', ownerPersonId: mine.personId, size: pdfBytes().byteLength, name: '证明fdp.pdf' });
  });

  it('a file in another application’s folder cannot be claimed; bytes that are not the declared type are refused', async () => {
    const { mine, theirs } = await twoSocieties();
    const elsewhere = await h.deps.files.put({
      name: 'x.pdf',
      mime: 'application/pdf',
      bytes: pdfBytes(),
      ownerOpenid: 'o',
      folder: `applications/${theirs.applicationId}`,
    });
    const before = h.snapshot();
    const r = await call(
      'attach',
      { applicationId: mine.applicationId, materialId: material.id, file: elsewhere, requestId: rid() },
      mine.personId,
    );
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'file.fileId' }] });
    const html = await h.deps.files.put({
      name: 'x.pdf',
      mime: 'application/pdf',
      bytes: new Uint8Array(Buffer.from('<html><script>alert(1)</script></html>')),
      ownerOpenid: 'o',
      folder: `applications/${mine.applicationId}`,
    });
    const r2 = await call(
      'attach',
      { applicationId: mine.applicationId, materialId: material.id, file: html, requestId: rid() },
      mine.personId,
    );
    expect(r2.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'file.fileId', message: expect.stringContaining('类型不符') }],
    });
    expect(h.snapshot()).toEqual(before);
  });
});

describe('uploadAttachment', () => {
  it('HTML bytes declared application/pdf are refused, and nothing is stored', async () => {
    const { mine } = await twoSocieties();
    const before = h.snapshot();
    const r = await call(
      'uploadAttachment',
      {
        applicationId: mine.applicationId,
        materialId: material.id,
        name: '材料.pdf',
        mime: 'application/pdf',
        base64: Buffer.from('<html><body onload="alert(1)"></body></html>').toString('base64'),
        requestId: rid(),
      },
      mine.personId,
    );
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'base64', message: expect.stringContaining('类型不符') }] });
    expect(h.snapshot()).toEqual(before);
  });

  it('the name ../../../etc/passwd\\u202efdp.exe is stored without path parts or the bidi override; the record says who and what', async () => {
    const { mine } = await twoSocieties();
    const r = ok(
      await call(
        'uploadAttachment',
        {
          applicationId: mine.applicationId,
          materialId: material.id,
          name: '../../../etc/passwd\u202efdp.exe',
          mime: 'application/pdf',
          base64: PDF,
          requestId: rid(),
        },
        mine.personId,
      ),
    );
    expect(r.file.name).toBe('passwdfdp.exe');
    expect(r.file.fileId).not.toContain('..');
    expect(r.file.fileId).not.toContain('\u202e');
    const app = (await h.deps.store.applications.get(mine.applicationId))!;
    const rec = await h.deps.store.files.get(r.file.fileId);
    expect(rec).toEqual({
      id: fileRecordId(r.file.fileId),
      fileId: r.file.fileId,
      kind: 'attachment',
      ownerPersonId: mine.personId,
      ownerOpenid: expect.any(String),
      unitId: app.applicant.societyId ?? app.applicant.hostUnitId,
      mime: 'application/pdf',
      size: pdfBytes().byteLength,
      name: 'passwdfdp.exe',
      createdAt: expect.any(Number),
    });
  });

  it('a name that is nothing but path and bidi characters is refused', async () => {
    const { mine } = await twoSocieties();
    const r = await call(
      'uploadAttachment',
      {
        applicationId: mine.applicationId,
        materialId: material.id,
        name: '../\u202e',
        mime: 'application/pdf',
        base64: PDF,
        requestId: rid(),
      },
      mine.personId,
    );
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'name' }] });
  });
});

describe('evidence', () => {
  const s = () => stationsCalls(h);
  const photo = async (who: string, stationId = AGRI) =>
    ok(
      await s().call(
        'uploadEvidence',
        { requestId: rid(), stationId, name: '现场.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
        who,
      ),
    );

  it("an expert cannot use another society's application PDF as a training photo", async () => {
    const { theirFile } = await twoSocieties();
    const before = h.snapshot();
    const r = await s().training(AGRI_EXPERT, '2026-11-18', 60, {
      evidence: [{ ...theirFile, name: '培训现场.jpg', mime: 'image/jpeg' }],
    });
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'evidence.0.fileId' }] });
    expect(h.snapshot()).toEqual(before);
  });

  it('a photo is usable by its uploader and their station’s team, not by another station’s expert', async () => {
    const up = await photo(AGRI_EXPERT);
    expect(await h.deps.store.files.get(up.fileId)).toMatchObject({ kind: 'evidence', ownerPersonId: AGRI_EXPERT, unitId: AGRI });
    expect(ok(await s().training(AGRI_EXPERT_2, '2026-11-18', 60, { evidence: [up] })).record.evidence).toEqual([up]);
    const before = h.snapshot();
    const other = await s().call(
      'logTraining',
      { requestId: rid(), stationId: TEA, date: '2026-11-18', topic: '茶叶培训', place: '桃江', trainees: 30, evidence: [up] },
      TEA_EXPERT,
    );
    expect(other.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'evidence.0.fileId', message: expect.stringContaining('本人或本单位') }],
    });
    expect(h.snapshot()).toEqual(before);
  });

  it('an own photo with a claimed size, type or name that is not the stored one is refused', async () => {
    const up = await photo(AGRI_EXPERT);
    for (const claim of [{ size: 50 * 1024 * 1024 }, { mime: 'image/jpeg' }, { name: '别的名字.png' }]) {
      const r = await s().training(AGRI_EXPERT, '2026-11-18', 60, { evidence: [{ ...up, ...claim }] });
      expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'evidence.0.fileId' }] });
    }
  });

  it('a photo the app put straight into this station’s folder is claimed on first use; one in another station’s folder is not', async () => {
    const here = await h.deps.files.put({
      name: 'a.png',
      mime: 'image/png',
      bytes: new Uint8Array(tinyPng),
      ownerOpenid: 'o',
      folder: `evidence/${AGRI}`,
    });
    ok(await s().training(AGRI_EXPERT, '2026-11-18', 60, { evidence: [here] }));
    expect(await h.deps.store.files.get(here.fileId)).toMatchObject({ kind: 'evidence', ownerPersonId: AGRI_EXPERT, unitId: AGRI });
    const there = await h.deps.files.put({
      name: 'b.png',
      mime: 'image/png',
      bytes: new Uint8Array(tinyPng),
      ownerOpenid: 'o',
      folder: `evidence/${TEA}`,
    });
    const r = await s().training(AGRI_EXPERT, '2026-11-17', 60, { evidence: [there] });
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'evidence.0.fileId' }] });
  });
});
