import { type AttachmentReader, fileViewRefusal, fileViewRefusalMessage, targetOfPath } from '../../../shared/rules/files';

/**
 * Issue 15, finding 8: who may open a stored file. Generated over the classes of caller the kernel can
 * report (every combination of the reader flags), not hand-picked cases; the expectation is the policy
 * written out once here.
 */
const NO = fileViewRefusalMessage;
const attachment = { kind: 'attachment' as const, ownerPersonId: 'p-up' };
const evidence = { kind: 'evidence' as const, ownerPersonId: 'p-up' };
const bools = [false, true] as const;
const readers: AttachmentReader[] = bools.flatMap((draft) =>
  bools.flatMap((asApplicant) => bools.flatMap((overseen) => bools.map((assigned) => ({ draft, asApplicant, overseen, assigned })))),
);

describe('fileViewRefusal: an application material', () => {
  it.each(readers)('one listing application %o', (r) => {
    const allowed = r.asApplicant || (!r.draft && (r.overseen || r.assigned));
    expect(fileViewRefusal(attachment, 'attachment', { personId: 'p-x', applications: [r], station: null })).toBe(allowed ? null : NO);
  });
  it('any one of several listing applications is enough; none listing it: only its uploader', () => {
    const none: AttachmentReader = { draft: false, asApplicant: false, overseen: false, assigned: false };
    const staff: AttachmentReader = { ...none, overseen: true };
    expect(fileViewRefusal(attachment, 'attachment', { personId: 'p-x', applications: [none, staff], station: null })).toBeNull();
    expect(fileViewRefusal(attachment, 'attachment', { personId: 'p-x', applications: [], station: null })).toBe(NO);
    expect(fileViewRefusal(attachment, 'attachment', { personId: 'p-up', applications: [], station: null })).toBeNull();
  });
  it('a draft is its applicant’s alone: staff and an assigned reviewer see nothing of it', () => {
    const r: AttachmentReader = { draft: true, asApplicant: false, overseen: true, assigned: true };
    expect(fileViewRefusal(attachment, 'attachment', { personId: 'p-x', applications: [r], station: null })).toBe(NO);
  });
});

describe('fileViewRefusal: an evidence photo', () => {
  it.each(bools.flatMap((hostContact) => bools.map((overseen) => ({ hostContact, overseen }))))('station reader %o', (station) => {
    const allowed = station.hostContact || station.overseen;
    expect(fileViewRefusal(evidence, 'evidence', { personId: 'p-x', applications: [], station })).toBe(allowed ? null : NO);
  });
  it('its author sees it; the station unknown: nobody else', () => {
    expect(fileViewRefusal(evidence, 'evidence', { personId: 'p-up', applications: [], station: null })).toBeNull();
    expect(fileViewRefusal(evidence, 'evidence', { personId: 'p-x', applications: [], station: null })).toBe(NO);
  });
});

describe('fileViewRefusal: what is nobody’s', () => {
  const everyone = { personId: 'p-up', applications: readers, station: { hostContact: true, overseen: true } };
  it('no record, the other kind, or a caller bound to nobody: the same refusal as a forbidden file', () => {
    expect(fileViewRefusal(null, 'attachment', everyone)).toBe(NO);
    expect(fileViewRefusal(evidence, 'attachment', everyone)).toBe(NO);
    expect(fileViewRefusal(attachment, 'evidence', everyone)).toBe(NO);
    expect(fileViewRefusal(attachment, 'attachment', { ...everyone, personId: null })).toBe(NO);
  });
});

describe('targetOfPath', () => {
  it('names the application or station folder a fileId is stored under', () => {
    expect(targetOfPath('cloud://env-1.bucket/applications/app-1/123-a.pdf', 'attachment')).toBe('app-1');
    expect(targetOfPath(`local://${'a'.repeat(64)}/evidence/st-agri-heshan/x.png`, 'evidence')).toBe('st-agri-heshan');
    expect(targetOfPath('cloud://env-1.bucket/evidence/st-1/x.png', 'attachment')).toBeNull();
    expect(targetOfPath('cloud://env-1.bucket/applications/../x.pdf', 'attachment')).toBeNull();
    expect(targetOfPath('cloud://env-1.bucket/uploads/o/x.pdf', 'attachment')).toBeNull();
    expect(targetOfPath('https://example.com/applications/a/x.pdf', 'attachment')).toBeNull();
  });
});
