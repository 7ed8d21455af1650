import { bytesMatchType, claimablePath, fileUseRefusal, sanitiseFileName, storagePathOf } from '../../../shared/rules/files';

/** Issue 11, finding 6: what uploaded bytes are, what a file may be called, who may use it. */
const b = (...xs: number[]) => new Uint8Array(xs);
const text = (s: string) => new Uint8Array(Buffer.from(s));

describe('bytesMatchType', () => {
  it.each([
    ['application/pdf', text('%PDF-1.7\n...')],
    ['image/jpeg', b(0xff, 0xd8, 0xff, 0xe0, 0, 0)],
    ['image/png', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['image/webp', text('RIFF\0\0\0\0WEBPVP8 ')],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', b(0x50, 0x4b, 0x03, 0x04, 0x14)],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', b(0x50, 0x4b, 0x03, 0x04, 0x14)],
    ['application/msword', b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)],
    ['application/vnd.ms-excel', b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)],
  ])('%s with its own signature matches', (mime, bytes) => {
    expect(bytesMatchType(mime, bytes)).toBe(true);
  });
  it('HTML declared as PDF, a PNG declared as JPEG, a PDF declared as a photo, an unknown type: no match', () => {
    expect(bytesMatchType('application/pdf', text('<html><script>alert(1)</script></html>'))).toBe(false);
    expect(bytesMatchType('image/jpeg', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(false);
    expect(bytesMatchType('image/png', text('%PDF-1.4'))).toBe(false);
    expect(bytesMatchType('text/html', text('<html>'))).toBe(false);
    expect(bytesMatchType('toString', text('<html>'))).toBe(false);
    expect(bytesMatchType('application/pdf', b())).toBe(false);
  });
});

describe('sanitiseFileName', () => {
  it('keeps the last path part only, without bidi overrides or controls', () => {
    expect(sanitiseFileName('../../../etc/passwd\u202efdp.exe')).toBe('passwdfdp.exe');
    expect(sanitiseFileName('..\\..\\windows\\system.ini')).toBe('system.ini');
    expect(sanitiseFileName('a\u0000b\u0007c\u200bd\u2066e\u2069.pdf')).toBe('abcde.pdf');
    expect(sanitiseFileName('报告\r\n.pdf')).toBe('报告.pdf');
  });
  it('keeps Chinese, spaces inside and ordinary punctuation', () => {
    expect(sanitiseFileName('建站协议（盖章版）2026.pdf')).toBe('建站协议（盖章版）2026.pdf');
    expect(sanitiseFileName('  工作 总结.docx ')).toBe('工作 总结.docx');
  });
  it('no leading dots, no reserved characters, nothing left → null', () => {
    expect(sanitiseFileName('..')).toBeNull();
    expect(sanitiseFileName('../')).toBeNull();
    expect(sanitiseFileName('\u202e\u200b')).toBeNull();
    expect(sanitiseFileName('.htaccess')).toBe('htaccess');
    expect(sanitiseFileName('a<b>:c|d?.pdf')).toBe('a_b__c_d_.pdf');
  });
  it('drops lone surrogates and keeps whole ones; at most 200 characters', () => {
    expect(sanitiseFileName('a\ud800b😀.png')).toBe('ab😀.png');
    expect(Array.from(sanitiseFileName(`${'字'.repeat(300)}.pdf`)!)).toHaveLength(200);
  });
});

describe('fileUseRefusal', () => {
  const file = { kind: 'attachment' as const, ownerPersonId: 'p-sec-agri', unitId: 'soc-agri', mime: 'application/pdf' };
  const use = { kind: 'attachment' as const, personId: 'p-sec-agri', unitId: 'soc-agri' };
  it('the uploader, or anyone of the unit it was uploaded for, may use it', () => {
    expect(fileUseRefusal(file, use)).toBeNull();
    expect(fileUseRefusal(file, { ...use, personId: 'p-other-of-agri' })).toBeNull();
    expect(fileUseRefusal(file, { ...use, unitId: 'soc-other' })).toBeNull(); // the uploader, for another of their units
  });
  it('another unit’s person may not; nor as the other kind; nor of a type the use does not take; no record → refused', () => {
    expect(fileUseRefusal(file, { ...use, personId: 'p-sec-tea', unitId: 'soc-tea' })).toMatch(/本人或本单位/);
    expect(fileUseRefusal(file, { ...use, kind: 'evidence' })).toMatch(/照片/);
    expect(fileUseRefusal(file, { ...use, mimeTypes: ['image/png'] })).toMatch(/类型/);
    expect(fileUseRefusal(null, use)).toMatch(/不存在/);
  });
});

describe('claimablePath', () => {
  it('a file without a record is claimable only for the target its path names', () => {
    const id = 'cloud://prod-1a2b.7072-prod-1a2b/applications/app_1/1732000000-协议.pdf';
    expect(storagePathOf(id)).toBe('applications/app_1/1732000000-协议.pdf');
    expect(claimablePath(id, 'attachment', 'app_1')).toBe(true);
    expect(claimablePath(id, 'attachment', 'app_2')).toBe(false);
    expect(claimablePath(id, 'evidence', 'app_1')).toBe(false);
    expect(claimablePath('cloud://env/applications/app_10/x.pdf', 'attachment', 'app_1')).toBe(false);
    expect(claimablePath('cloud://env/applications/app_1/../app_2/x.pdf', 'attachment', 'app_1')).toBe(false);
    expect(claimablePath(`local://${'0'.repeat(64)}/evidence/st-1/x.png`, 'evidence', 'st-1')).toBe(true);
    expect(claimablePath('https://example.com/applications/app_1/x.pdf', 'attachment', 'app_1')).toBe(false);
  });
});
