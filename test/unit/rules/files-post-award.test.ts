import { fileViewRefusalMessage as NO, postAwardFileViewRefusal } from '../../../shared/rules/files';

/**
 * Who opens a post-award file (helper FILES14): its uploader; anyone else only through an award or station
 * whose post-award records list it and that they read; nobody a file without a record, nor a caller bound
 * to no person.
 */
const file = { ownerPersonId: 'p-owner' };
describe('postAwardFileViewRefusal', () => {
  it.each([
    ['the uploader, nothing listing it', file, 'p-owner', [], null],
    ['a reader of the award listing it', file, 'p-staff', [{ reads: true }], null],
    ['one of several subjects read', file, 'p-staff', [{ reads: false }, { reads: true }], null],
    ['listed, but the caller does not read it', file, 'p-other', [{ reads: false }], NO],
    ['listed by nothing', file, 'p-staff', [], NO],
    ['no record', null, 'p-owner', [{ reads: true }], NO],
    ['no person', file, null, [{ reads: true }], NO],
  ] as const)('%s', (_what, f, personId, subjects, expected) => {
    expect(postAwardFileViewRefusal(f, { personId, subjects })).toBe(expected);
  });
});
