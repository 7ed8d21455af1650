import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const root = path.resolve(__dirname, '..');
// shared/ lives outside the app's sourceRoot and zod ships modern syntax: both must be compiled
// by Taro (node_modules are not transpiled by default; old WeChat clients choke on ?. and ??).
const include = [path.join(root, 'shared'), (p: string) => /node_modules[\\/]zod[\\/]/.test(p)];

export default defineConfig<'webpack5'>(async (merge) => {
  const base = {
    projectName: 'kexie-society-programmes',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram/src',
    // Same alias as tsconfig.json `paths` (and jest's moduleNameMapper): the app imports the domain as @shared/….
    alias: { '@shared': path.join(root, 'shared') },
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
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
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, base, (await import('./dev')).default);
  return merge({}, base, (await import('./prod')).default);
});
