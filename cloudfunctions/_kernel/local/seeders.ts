import { seedApplicationRounds } from '../../applications/demo-seed';
import { seedStationRecords } from '../../stations/demo-seed';
import type { DemoSeeder } from './demo-seed';

/** Capabilities register their demo data here (records for the dashboard, an open round …). */
export const demoSeeders: DemoSeeder[] = [seedStationRecords, seedApplicationRounds];
