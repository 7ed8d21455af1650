import { existsSync, readFileSync } from 'node:fs';

/**
 * Which cloud environment the weapp build talks to: `Taro.cloud.init({ env })` must name it, or the app
 * uses whichever environment DevTools last selected (test data in production, or the reverse). The id is
 * a build-time constant: CLOUD_ENV from the shell, else from .env.local, the active environment's file that
 * `node scripts/use-cloud-env.mjs` writes and the CloudBase CLI deploys the functions from (DEPLOY.md), so the
 * app and the functions target the same environment. A production weapp build without it stops here instead
 * of shipping an app that names none. The h5 build (local host) has no cloud and takes none.
 */
const CLOUD_ENV_ID = /^[a-z][a-z0-9-]{2,62}$/i;

/** One `NAME=value` line of a dotenv file (no quoting or expansion: the deploy files are plain). */
export const envFileValue = (path: string, name: string): string | undefined => {
  if (!existsSync(path)) return undefined;
  const line = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.trim().startsWith(`${name}=`));
  return line?.slice(line.indexOf('=') + 1).trim() || undefined;
};

export const cloudEnvConstant = (taroEnv: string | undefined, nodeEnv: string | undefined, cloudEnv: string | undefined): string => {
  const id = cloudEnv?.trim() ?? '';
  if (taroEnv !== 'weapp') return JSON.stringify('');
  if (id && !CLOUD_ENV_ID.test(id)) throw new Error(`CLOUD_ENV="${id}" is not a cloud environment id (see DEPLOY.md)`);
  if (!id && nodeEnv === 'production') {
    throw new Error(
      'CLOUD_ENV is not set: a production weapp build must name its cloud environment id. Run `node scripts/use-cloud-env.mjs .deploy/<test|production>.env` or set CLOUD_ENV (DEPLOY.md)',
    );
  }
  return JSON.stringify(id);
};
