/**
 * Contract — where the phone is, or null. WeChat (location.weapp.ts): the privacy flow first
 * (wx.requirePrivacyAuthorize shows the official privacy pop-up when the person has not agreed yet),
 * then getLocation (gcj02, the coordinate system of Chinese maps). Browser (location.h5.ts):
 * navigator.geolocation when there is one. Refusal, a missing permission or a slow fix all give null:
 * logging never waits on it for long.
 */
export declare function currentLocation(): Promise<{ lat: number; lng: number } | null>;
