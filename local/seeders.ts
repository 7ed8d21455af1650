import { seedApplicationRounds } from './demo/applications';
import type { DemoSeeder } from './demo/org';
import { seedStationRecords } from './demo/stations';

/** Capabilities register their demo data here (records for the dashboard, an open round …). */
export const demoSeeders: DemoSeeder[] = [seedStationRecords, seedApplicationRounds];
