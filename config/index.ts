import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import { cloudEnvConstant, envFileValue } from './cloud-env';

const root = path.resolve(__dirname, '..');
// shared/ lives outside the app's sourceRoot and zod ships modern syntax: both must be compiled
// by Taro (node_modules are not transpiled by default; old WeChat clients choke on ?. and ??).
const include = [path.join(root, 'shared'), (p: string) => /node_modules[\\/]zod[\\/]/.test(p)];

export default defineConfig<'webpack5'>(async (merge) => {
  const cloudEnv = cloudEnvConstant(
    process.env.TARO_ENV,
    process.env.NODE_ENV,
    process.env.CLOUD_ENV ?? envFileValue(path.join(root, '.env.local'), 'CLOUD_ENV'),
  );
  // Say which environment this build will call, so nobody uploads a test build as production (DEPLOY.md).
  if (process.env.TARO_ENV === 'weapp') console.log(`weapp build → cloud environment ${cloudEnv}`);
  const base = {
    projectName: 'kexie-society-programmes',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram/src',
    // Same alias as tsconfig.json `paths` (and jest's moduleNameMapper): the app imports the domain as @shared/….
    // The holiday library (chinese-days, shared/calendar/working-days.ts) stays on the server: the app reads
    // computed working days from the functions (its ES-module entry would not even parse in the app's build).
    alias: { '@shared': path.join(root, 'shared') },
    // TARO_OUTPUT_ROOT lets parallel work build into its own folder without clobbering dist/<platform>
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // The cloud environment id Taro.cloud.init names (platform/init.weapp.ts); required for a production weapp build.
    defineConstants: { CLOUD_ENV: cloudEnv },
    copy: { patterns: [], options: {} },
    framework: 'react' as const,
    compiler: { type: 'webpack5' as const, prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' as const },
      compile: { include },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // One bundle (issue 15, finding 15): every page's code and CSS load with the app, so a page never
      // opened before — 技术培训 with no signal — opens without a request. Split, each page was a lazy JS
      // chunk plus a CSS chunk (mini-css-extract), ~300 KB each with shared/ and zod copied into every one;
      // offline the CSS chunk failed first ("Loading CSS chunk … failed") and the page stayed closed. The
      // merged bundle is smaller than the split chunks together. The weapp build is untouched (its packages
      // are on the phone already).
      // biome-ignore lint/suspicious/noExplicitAny: Taro passes webpack-chain and webpack itself, untyped here
      webpackChain(chain: any, webpack: any) {
        chain.plugin('one-bundle').use(webpack.optimize.LimitChunkCountPlugin, [{ maxChunks: 1 }]);
      },
      // pages import their stylesheets in different orders; each sheet styles its own classes, so the order
      // in the one app.css does not matter
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, base, (await import('./dev')).default);
  return merge({}, base, (await import('./prod')).default);
});
