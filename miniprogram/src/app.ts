// First, in this order: the deliberate polyfills (lib/polyfills.ts), then zod's jitless switch, which must be set
// before any module builds a schema (shared/schemas/jitless.ts).
import './lib/polyfills';
import '@shared/schemas/jitless';
import type { PropsWithChildren } from 'react';
import { initPlatform } from './platform/init';
import './app.css';
import './desktop.css';

initPlatform();

function App({ children }: PropsWithChildren) {
  return children;
}
export default App;
