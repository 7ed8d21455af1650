/// <reference types="@tarojs/taro" />
declare module '*.css';
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
  }
}
/** The cloud environment id of a weapp build (config/cloud-env.ts, from the CLOUD_ENV variable). */
declare const CLOUD_ENV: string;
