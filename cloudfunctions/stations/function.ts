import { stationsApi } from '../../shared/api/stations';
import { roles } from '../../shared/schemas/org';
import { createFunction } from '../_kernel/router';
import { confirmEntry, confirmMany, correctEntry, editEntry, logResearchResult, undoConfirm, withdrawEntry } from './actions/changes';
import { uploadEvidence } from './actions/evidence';
import { fileUrl } from './actions/files';
import { logAchievement, logAgreementProgress, logProblem, logResearch, logServiceDay, logTackling, logTraining } from './actions/log';
import { entryHistory, getEntry, listEntries, myProgress, myStations } from './actions/read';

const team = ['expert'] as const;
const readers = ['expert', 'hostContact', 'secretary', 'countyStaff', 'cityStaff', 'talentOffice', 'provincialStaff'] as const;

/**
 * stations: experts log what counts toward their station's assessment (第十二条); the host-unit
 * contact confirms; staff correct. The role list here is the first gate; each handler then checks
 * the finer rule (this station's team, this station's host contact, the owning CAST's staff).
 */
export const stations = createFunction('stations', stationsApi, {
  // "my stations" answers only the caller's own (an empty list for staff and reviewers): any bound person.
  myStations: { access: roles, handler: myStations },
  logServiceDay: { access: team, handler: logServiceDay },
  logTraining: { access: team, handler: logTraining },
  logResearch: { access: team, handler: logResearch },
  logResearchResult: { access: team, handler: logResearchResult },
  logTackling: { access: team, handler: logTackling },
  logProblem: { access: team, handler: logProblem },
  logAchievement: { access: team, handler: logAchievement },
  logAgreementProgress: { access: ['secretary'], handler: logAgreementProgress },
  editEntry: { access: ['expert', 'secretary'], handler: editEntry },
  withdrawEntry: { access: ['expert', 'secretary'], handler: withdrawEntry },
  confirmEntry: { access: ['hostContact'], handler: confirmEntry },
  confirmMany: { access: ['hostContact'], handler: confirmMany },
  undoConfirm: { access: ['hostContact'], handler: undoConfirm },
  correctEntry: { access: ['countyStaff', 'cityStaff'], handler: correctEntry },
  uploadEvidence: { access: ['expert', 'secretary'], handler: uploadEvidence },
  listEntries: { access: readers, handler: listEntries },
  getEntry: { access: readers, handler: getEntry },
  entryHistory: { access: readers, handler: entryHistory },
  // with a stationId, the station's progress is a read like listEntries (requireReader: overseeing staff too)
  myProgress: { access: readers, handler: myProgress },
  // the photo's author (an expert or a secretary), the host contact, overseeing staff: decided per file
  fileUrl: { access: readers, handler: fileUrl },
});
