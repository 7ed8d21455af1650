import cloud from 'wx-server-sdk';
import { cloudDeps, initCloud } from '../../cloudfunctions/_kernel/cloud/wire';
import { seedDemo } from '../../local/demo/org';
import { demoSeeders } from '../../local/seeders';

/**
 * The cloud tier's seeding "function": the product's own demo seeding (the small city of local/demo),
 * written through the cloud adapter and the REAL wx-server-sdk into the fake service, so the stored
 * documents are exactly what the cloud path writes. Bundled by the tier like a cloud function.
 */
initCloud(cloud);
const deps = cloudDeps(cloud);
export const main = async () => ({ seeded: await seedDemo(deps, demoSeeders) });
