import { createHash } from 'node:crypto';
import type { FileRecord } from '../../../shared/schemas/files';
import { type Db, DuplicateKeyError } from '../db/port';
import { tables } from './tables';

/** The record id of a fileId. */
export const fileRecordId = (fileId: string): string => createHash('sha256').update(fileId).digest('hex');

/**
 * Uploaded files' records (collection `files`): written only here. A record is written once, when the
 * file is first stored or first claimed, and never changed: the first uploader owns the file.
 */
export function filesRepo(db: Db) {
  return {
    get: (fileId: string): Promise<FileRecord | null> => tables.files.get(db, fileRecordId(fileId)),
    /** Record a file; when it is already recorded (a concurrent claim), the stored record wins and is returned. */
    async register(rec: Omit<FileRecord, 'id'>): Promise<FileRecord> {
      const doc: FileRecord = { id: fileRecordId(rec.fileId), ...rec };
      try {
        await tables.files.insert(db, doc);
        // as stored (the schema normalises text), so later references compare with exactly this
        return (await tables.files.get(db, doc.id)) ?? doc;
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        const stored = await tables.files.get(db, doc.id);
        if (!stored) throw e;
        return stored;
      }
    },
  };
}
export type FilesRepo = ReturnType<typeof filesRepo>;
