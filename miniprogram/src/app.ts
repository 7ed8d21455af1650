import type { PropsWithChildren } from 'react';
import { initPlatform } from './platform/init';
import './app.css';

initPlatform();

function App({ children }: PropsWithChildren) {
  return children;
}
export default App;
