import { reportsApi } from '../../shared/api/reports';
import { createFunction } from '../_kernel/router';
import { adjustAssessment, assessmentHistory, listAssessments, publishAssessments, runAssessment } from './actions/assessment';
import { expertContact } from './actions/contact';
import { dashboard } from './actions/dashboard';
import { stationDetail } from './actions/detail';
import { exportAssessments, exportDashboard, exportStation } from './actions/exports';
import { listOutbox, sendReminders } from './actions/reminders';

const staff = ['countyStaff', 'cityStaff', 'talentOffice'] as const;
/** Reads: staff, and provincial staff (省科协) across their cities — they write nothing (issue 13, item 5). */
const readers = [...staff, 'provincialStaff'] as const;

/**
 * reports: what CAST staff see about the stations they oversee (a county its own, the city all).
 * The role list is the first gate; each handler then narrows to the stations the caller oversees.
 * The assessment is run, adjusted and published by the city CAST (第十二条: 市科协组织考核).
 */
export const reports = createFunction('reports', reportsApi, {
  dashboard: { access: readers, handler: dashboard },
  stationDetail: { access: readers, handler: stationDetail },
  runAssessment: { access: ['cityStaff'], handler: runAssessment },
  listAssessments: { access: readers, handler: listAssessments },
  assessmentHistory: { access: readers, handler: assessmentHistory },
  adjustAssessment: { access: ['cityStaff'], handler: adjustAssessment },
  publishAssessments: { access: ['cityStaff'], handler: publishAssessments },
  sendReminders: { access: ['countyStaff', 'cityStaff'], handler: sendReminders },
  listOutbox: { access: readers, handler: listOutbox },
  exportDashboard: { access: readers, handler: exportDashboard },
  exportStation: { access: readers, handler: exportStation },
  exportAssessments: { access: readers, handler: exportAssessments },
  expertContact: { access: staff, handler: expertContact },
});
