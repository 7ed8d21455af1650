import type { ApplicationView } from '@shared/api/applications';

/** What every action panel of the page gets: the application, the busy flag and the page's one action runner. */
export interface PanelProps {
  view: ApplicationView;
  busy: boolean;
  /** run an action labelled `label`; on success the page reloads and says "<label>：已完成" */
  act: (label: string, work: () => Promise<unknown>) => Promise<void>;
}

/** The status/stage the caller saw: the server refuses the action when another person moved it on. */
export const expectedOf = (view: ApplicationView) => ({ status: view.status, stageId: view.stageId });

export type { ReviewDraft } from '../../../../components/review/comment-draft';
