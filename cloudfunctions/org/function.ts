import { orgApi } from '../../shared/api/org';
import { holidayWriterRoles } from '../../shared/rules/holidays';
import { programmeEnablerRoles } from '../../shared/rules/offer';
import { orgReaderRoles, orgWriterRoles, roundWriterRoles, teamWriterRoles } from '../../shared/rules/org';
import { createFunction } from '../_kernel/router';
import { cityProgrammes, setProgrammeEnabled } from './actions/city-programmes';
import { exportOrg, exportTemplate } from './actions/export-workbook';
import { listHolidays, saveHolidays } from './actions/holidays';
import { awardImportRoles, importAward } from './actions/import-award';
import { importWorkbook } from './actions/import-workbook';
import { installProgramme, listProgrammeDefinitions, programmeInstallerRoles } from './actions/install-programme';
import { listUnits } from './actions/list';
import { runMigrations } from './actions/migrations';
import { priorResultWriterRoles, savePriorResult } from './actions/prior-result';
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
  // issue 13 item 6: a prior year's result of a station plaqued before go-live (the assessing staff)
  savePriorResult: { access: priorResultWriterRoles, handler: savePriorResult },
  // issue 13 item 6: an award made before go-live, at its stage (running awards, the per-society limit)
  importAward: { access: awardImportRoles, handler: importAward },
  savePerson: { access: orgWriterRoles.person, handler: savePerson },
  saveRound: { access: roundWriterRoles, handler: saveRound },
  // the entity's own save rule applies inside (a county deactivates its societies, not a station)
  deactivate: { access: writers, handler: deactivate },
  // a city enables the programmes it runs (issue 13, item 5); every staff role reads its cities'
  setProgrammeEnabled: { access: programmeEnablerRoles, handler: setProgrammeEnabled },
  cityProgrammes: { access: orgReaderRoles, handler: cityProgrammes },
  // the workbook (issue 13, item 3): each row goes through the save above it, with that save's scope
  exportTemplate: { access: writers, handler: exportTemplate },
  exportOrg: { access: orgReaderRoles, handler: exportOrg },
  importWorkbook: { access: writers, handler: importWorkbook },
  // programme definitions as runtime data (issue 16 item 6): city staff install, staff read the list
  installProgramme: { access: programmeInstallerRoles, handler: installProgramme },
  listProgrammeDefinitions: { access: orgReaderRoles, handler: listProgrammeDefinitions },
  // the holiday calendar (issue 13 item 7): national, entered by any city's staff, read by every staff role
  listHolidays: { access: orgReaderRoles, handler: listHolidays },
  saveHolidays: { access: holidayWriterRoles, handler: saveHolidays },
  // schema migrations after a deploy (issue 13 item 8): city staff; the local host runs them at start
  runMigrations: { access: ['cityStaff'], handler: runMigrations },
});
