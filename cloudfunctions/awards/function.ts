import { awardsApi } from '../../shared/api/awards';
import { createFunction } from '../_kernel/router';

/**
 * awards: what happens after an award (issue 14) — task agreement and budget, checks, money,
 * consequences. The role list is the first gate; each handler then narrows to the awards the caller
 * oversees (staff, the finance bureau) or holds (the awarded society / host unit).
 */
export const awards = createFunction('awards', awardsApi, {});
