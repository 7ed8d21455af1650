import { useEffect, useState } from 'react';
import { ensureDefinition } from '../services/definitions';
import { errorText } from '../services/errors';

/**
 * The programme a page shows, ready to read with `getProgramme` / `getForm` (issue 16 item 6): the
 * returned version changes once the definition is loaded, so the page renders again with it.
 */
export function useProgrammeDefinition(programmeId: string | null | undefined, roundId?: string | null) {
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!programmeId) return;
    let live = true;
    ensureDefinition(programmeId, roundId)
      .then((v) => live && setVersion(v))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [programmeId, roundId]);
  return { version, error };
}
