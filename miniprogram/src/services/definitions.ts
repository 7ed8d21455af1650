import { getProgramme } from '@shared/programmes';
import { addDefinition, BUILTIN_VERSION, pinProgramme } from '@shared/programmes/registry';
import { applicationsClient } from './applications';

/**
 * Programme definitions the app renders from (issue 16 item 6). Every page asks through here for the
 * programme it shows: a built-in one is in the bundle (its cached copy), an installed one is fetched
 * once from the server (applications.programmeDefinition: the version the round opened with) and
 * added to the app's registry, after which `getProgramme` / `getForm` answer for it synchronously.
 */
const loaded = new Map<string, Promise<string>>();

/** Makes `getProgramme(programmeId)` / `getForm` answer with the version of that round; resolves to it. */
export function ensureDefinition(programmeId: string, roundId?: string | null): Promise<string> {
  const key = `${programmeId}|${roundId ?? ''}`;
  const known = loaded.get(key);
  if (known)
    return known.then((v) => {
      pinProgramme(programmeId, v);
      return v;
    });
  // the bundled copy is the cache of the built-in programmes (served data and bundle are the same file)
  const p =
    getProgramme(programmeId, BUILTIN_VERSION) !== undefined
      ? Promise.resolve(BUILTIN_VERSION)
      : applicationsClient.programmeDefinition({ programmeId, ...(roundId ? { roundId } : {}) }).then((served) => {
          addDefinition({ programme: served.programme, forms: served.forms, version: served.version });
          pinProgramme(programmeId, served.version);
          return served.version;
        });
  loaded.set(
    key,
    p.catch((e: unknown) => {
      loaded.delete(key);
      throw e;
    }),
  );
  return p;
}
