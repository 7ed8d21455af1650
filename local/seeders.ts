import { seedApplicationRounds } from './demo/applications';
import { seedDemoAwards } from './demo/awards';
import type { DemoSeeder } from './demo/org';
import { seedSecondCity } from './demo/second-city';
import { seedStationRecords } from './demo/stations';

/** Capabilities register their demo data here (records for the dashboard, an open round, a second city …). */
export const demoSeeders: DemoSeeder[] = [seedStationRecords, seedApplicationRounds, seedSecondCity, seedDemoAwards];
