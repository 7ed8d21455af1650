import type { ApplicationsApi, ServedDefinition } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { getForm } from '../../../shared/forms';
import { getProgramme } from '../../../shared/programmes';
import { pinnedVersionOf, pinProgramme } from '../../../shared/programmes/registry';
import type { Uses } from '../../_kernel/router';
import { pinRoundVersion } from './application-access';

/**
 * applications.programmeDefinition (issue 16 item 6): the definition the app renders from — the
 * version the round opened with, a given version, else the newest. Definitions are public policy: any
 * signed-in person may read one (the catalogue of the built-in ones ships in the app anyway).
 */
export async function programmeDefinition(
  ctx: Uses<'store'>,
  input: ParsedInputOf<ApplicationsApi['programmeDefinition']>,
): Promise<ServedDefinition> {
  if (input.roundId !== undefined) await pinRoundVersion(ctx, input.roundId);
  if (input.version !== undefined) pinProgramme(input.programmeId, input.version);
  const programme = getProgramme(input.programmeId, input.version);
  if (!programme) throw new AppError('NOT_FOUND', '找不到该项目定义');
  const version = input.version ?? pinnedVersionOf(programme.id);
  const forms = programme.kinds.flatMap((k) => {
    const f = getForm(k.formId);
    return f ? [f] : [];
  });
  return { programmeId: programme.id, version, programme, forms };
}
