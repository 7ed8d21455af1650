import { orgApi } from '../../shared/api/org';
import { orgReaderRoles, orgWriterRoles, roundWriterRoles, teamWriterRoles } from '../../shared/rules/org';
import { createFunction } from '../_kernel/router';
import { exportOrg, exportTemplate } from './actions/export-workbook';
import { importWorkbook } from './actions/import-workbook';
import { listUnits } from './actions/list';
import { saveRound } from './actions/rounds';
import { deactivate, saveCastUnit, saveHostUnit, savePerson, saveSociety, saveStation } from './actions/save';
import { setTeam } from './actions/team';

/**
 * org: the organisation a city runs on (issue 13) — CAST units, societies, host units, stations and
 * their teams, persons, application rounds. The roles below are the first gate (shared/rules/org.ts);
 * each handler then asks the oversight model which units the caller may read or write.
 */
const writers = ['cityStaff', 'countyStaff'] as const;
export const org = createFunction('org', orgApi, {
  listUnits: { access: orgReaderRoles, handler: listUnits },
  saveCastUnit: { access: orgWriterRoles.castUnit, handler: saveCastUnit },
  saveSociety: { access: orgWriterRoles.society, handler: saveSociety },
  saveHostUnit: { access: orgWriterRoles.hostUnit, handler: saveHostUnit },
  saveStation: { access: orgWriterRoles.station, handler: saveStation },
  setTeam: { access: teamWriterRoles, handler: setTeam },
  savePerson: { access: orgWriterRoles.person, handler: savePerson },
  saveRound: { access: roundWriterRoles, handler: saveRound },
  // the entity's own save rule applies inside (a county deactivates its societies, not a station)
  deactivate: { access: writers, handler: deactivate },
  // the workbook (issue 13, item 3): each row goes through the save above it, with that save's scope
  exportTemplate: { access: writers, handler: exportTemplate },
  exportOrg: { access: orgReaderRoles, handler: exportOrg },
  importWorkbook: { access: writers, handler: importWorkbook },
});
