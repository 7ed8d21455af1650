import {
  clearReviewDraft,
  commentCount,
  emptyReviewDraft,
  type KeyValueStorage,
  loadReviewDraft,
  reviewDraftKey,
  saveReviewDraft,
  sendableComments,
  withComment,
} from '../../../miniprogram/src/components/review/comment-draft';

/** The reviewer's comment draft (issue 15, finding 9): kept across a refresh, per application + stage + reviewer, cleared after sending. */
function memory(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    // as Taro.getStorageSync: '' for a missing key
    get: (k) => (data.has(k) ? JSON.parse(JSON.stringify(data.get(k))) : ''),
    set: (k, v) => data.set(k, v),
    remove: (k) => data.delete(k),
  };
}
const target = { applicationId: 'app-1', stageId: 'city-review', reviewerId: 'p-city-staff' };

describe('review comment drafts', () => {
  it('a comment typed is kept and read back after a reload', () => {
    const s = memory();
    const d = withComment(emptyReviewDraft, 'stationName', '名称与协议不一致', 1);
    saveReviewDraft(s, target, { ...d, comment: '总体意见' });
    expect(loadReviewDraft(s, target)).toEqual({
      comment: '总体意见',
      checked: {},
      comments: { stationName: '名称与协议不一致' },
      savedAt: 1,
    });
  });
  it('is keyed by application, stage and reviewer', () => {
    const s = memory();
    saveReviewDraft(s, target, withComment(emptyReviewDraft, 'material:agreement', '请上传盖章版', 1));
    expect(loadReviewDraft(s, { ...target, stageId: 'city-decision' })).toEqual(emptyReviewDraft);
    expect(loadReviewDraft(s, { ...target, reviewerId: 'p-other' })).toEqual(emptyReviewDraft);
    expect(loadReviewDraft(s, { ...target, applicationId: 'app-2' })).toEqual(emptyReviewDraft);
    expect(reviewDraftKey({ ...target, stageId: null })).toBe('reviewdraft:app-1:-:p-city-staff');
  });
  it('is cleared after sending, and an empty draft leaves nothing in storage', () => {
    const s = memory();
    saveReviewDraft(s, target, withComment(emptyReviewDraft, 'stationName', 'x', 1));
    clearReviewDraft(s, target);
    expect(s.data.size).toBe(0);
    saveReviewDraft(s, target, withComment(withComment(emptyReviewDraft, 'a', 'x', 1), 'a', '  ', 2));
    expect(s.data.size).toBe(0);
  });
  it('sends trimmed, non-blank comments and counts them', () => {
    let d = withComment(emptyReviewDraft, 'stationName', '  请改  ', 1);
    d = withComment(d, 'material:agreement', '请上传盖章版', 2);
    d = { ...d, comments: { ...d.comments, blank: '   ' } };
    expect(sendableComments(d)).toEqual({ stationName: '请改', 'material:agreement': '请上传盖章版' });
    expect(commentCount(d)).toBe(2);
  });
  it('ignores malformed storage', () => {
    const s = memory();
    s.set(reviewDraftKey(target), { comment: 5, checked: { a: 'yes' }, comments: ['x'] });
    expect(loadReviewDraft(s, target)).toEqual(emptyReviewDraft);
    s.set(reviewDraftKey(target), 'garbage');
    expect(loadReviewDraft(s, target)).toEqual(emptyReviewDraft);
  });
});
