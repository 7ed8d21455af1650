// Bundles the local host (npm start) into dist/local/server.cjs. Node packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['local/server.ts'],
  outfile: process.env.LOCAL_OUT ?? 'dist/local/server.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`local host built: ${process.env.LOCAL_OUT ?? 'dist/local/server.cjs'}`);
