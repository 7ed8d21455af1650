import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';

if (process.env.TARO_ENV === 'weapp') {
  // Dropped from the h5 bundle: Taro.cloud only exists inside WeChat.
  Taro.cloud.init({ traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}
export default App;
