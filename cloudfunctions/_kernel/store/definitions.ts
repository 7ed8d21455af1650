import type { ProgrammeDefinitionDoc } from '../../../shared/schemas/programme-definition';
import type { Db } from '../db/port';
import type { AuditRepo } from './audit';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/**
 * Installed programme definitions (collection `programmeDefinitions`, issue 16 item 6): written only
 * here, each version once (an install never changes a stored version), audited.
 */
export function definitionsRepo(db: Db, audit: AuditRepo) {
  return {
    /** Every installed version of every programme (a city has a handful; pages of 20: documents are large). */
    all: (): Promise<ProgrammeDefinitionDoc[]> => findAll(db, tables.programmeDefinitions, {}, { pageSize: 20 }),
    /** Every installed version of one programme. */
    versions: (programmeId: string): Promise<ProgrammeDefinitionDoc[]> =>
      findAll(db, tables.programmeDefinitions, { programmeId }, { pageSize: 20 }),
    get: (id: string) => tables.programmeDefinitions.get(db, id),
    getTx: (tx: Tx, id: string) => tables.programmeDefinitions.get(tx, id),
    /** Store a new version, audited, inside the caller's transaction (an existing id is a conflict: insert). */
    async install(tx: Tx, doc: ProgrammeDefinitionDoc): Promise<void> {
      await tables.programmeDefinitions.insert(tx, doc);
      await audit.write(tx, {
        at: doc.installedAt,
        actorId: doc.installedBy,
        action: 'programme.install',
        entity: 'programmeDefinition',
        entityId: doc.id,
        before: null,
        after: { ...doc, content: `(${doc.content.length} 字符)` },
        reason: doc.sourceFileName ?? '',
      });
    },
  };
}
export type DefinitionsRepo = ReturnType<typeof definitionsRepo>;
