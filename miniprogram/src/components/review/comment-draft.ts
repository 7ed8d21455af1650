/**
 * A reviewer's decision in progress, kept on this device while it is composed (issue 15, finding 9:
 * unsent comments were lost on refresh): the general comment, the 形式审查 ticks and the comments per
 * field or material (`material:<id>`). Keyed by application + stage + reviewer, so a draft for one
 * stage never reappears at the next one or for another person on a shared computer; cleared once the
 * decision is sent.
 */
export interface ReviewDraft {
  comment: string;
  checked: Record<string, boolean>;
  /** per field key, or `material:<materialId>` */
  comments: Record<string, string>;
  /** when it was last changed (ms) — 0 for a draft never written */
  savedAt: number;
}
export const emptyReviewDraft: ReviewDraft = { comment: '', checked: {}, comments: {}, savedAt: 0 };

export interface DraftTarget {
  applicationId: string;
  stageId: string | null;
  reviewerId: string;
}
export const reviewDraftKey = (t: DraftTarget) => `reviewdraft:${t.applicationId}:${t.stageId ?? '-'}:${t.reviewerId}`;

/** Where drafts live: the device's storage in the app (device-storage.ts), a Map in tests. */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

const isRecordOf = (v: unknown, test: (x: unknown) => boolean): v is Record<string, never> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(test);

/** The draft kept for the target, or the empty one (anything malformed in storage is ignored). */
export function loadReviewDraft(storage: KeyValueStorage, t: DraftTarget): ReviewDraft {
  const v = storage.get(reviewDraftKey(t)) as Partial<ReviewDraft> | null | undefined;
  if (!v || typeof v !== 'object') return emptyReviewDraft;
  return {
    comment: typeof v.comment === 'string' ? v.comment : '',
    checked: isRecordOf(v.checked, (x) => typeof x === 'boolean') ? v.checked : {},
    comments: isRecordOf(v.comments, (x) => typeof x === 'string') ? v.comments : {},
    savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
  };
}

/** Nothing worth keeping: no text typed, no box ticked. */
export const isEmptyDraft = (d: ReviewDraft) =>
  d.comment.trim() === '' && Object.values(d.comments).every((c) => c.trim() === '') && !Object.values(d.checked).some(Boolean);

/** Write the draft at once (an empty one removes the entry). */
export function saveReviewDraft(storage: KeyValueStorage, t: DraftTarget, d: ReviewDraft): void {
  if (isEmptyDraft(d)) storage.remove(reviewDraftKey(t));
  else storage.set(reviewDraftKey(t), d);
}

/** After the decision was sent: forget the draft. */
export function clearReviewDraft(storage: KeyValueStorage, t: DraftTarget): void {
  storage.remove(reviewDraftKey(t));
}

/** One comment changed (blank text removes it). */
export function withComment(d: ReviewDraft, key: string, text: string, now: number): ReviewDraft {
  const comments = { ...d.comments };
  if (text.trim() === '') delete comments[key];
  else comments[key] = text;
  return { ...d, comments, savedAt: now };
}

/** The comments to send: trimmed, blank ones left out. */
export function sendableComments(d: ReviewDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.comments)) if (v.trim()) out[k] = v.trim();
  return out;
}

/** How many comments the draft holds (the action bar's "退回（3 条意见）"). */
export const commentCount = (d: ReviewDraft) => Object.keys(sendableComments(d)).length;
