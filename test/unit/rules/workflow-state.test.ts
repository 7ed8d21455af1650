import { stateMoved, type WorkflowState } from '../../../shared/rules/workflow';

describe('stateMoved (a step applies only to the state it was decided on)', () => {
  const seen: WorkflowState = { status: 'in_review', stageId: 'city-review' };
  it.each<[string, WorkflowState, boolean]>([
    ['the same status and stage', { status: 'in_review', stageId: 'city-review' }, false],
    ['the next stage', { status: 'in_review', stageId: 'site-visit' }, true],
    ['every stage passed (待公示)', { status: 'in_review', stageId: null }, true],
    ['another status', { status: 'returned', stageId: 'city-review' }, true],
  ])('%s → %s', (_name, current, moved) => {
    expect(stateMoved(current, seen)).toBe(moved);
  });
});
