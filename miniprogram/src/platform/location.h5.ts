import { withTimeout } from '../lib/with-timeout';
import type * as Contract from './location';

export const currentLocation: typeof Contract.currentLocation = async () => {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return null;
  return withTimeout(
    new Promise<{ lat: number; lng: number }>((ok, fail) =>
      geo.getCurrentPosition((p) => ok({ lat: p.coords.latitude, lng: p.coords.longitude }), fail, { timeout: 3000, maximumAge: 300_000 }),
    ),
    3500,
  );
};
