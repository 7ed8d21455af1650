/** Contract — start the platform's services once, when the app starts (init.weapp.ts: the cloud SDK). */
export declare function initPlatform(): void;
