import { errorMessages } from '@shared/errors';
import { ApiError, errorText, OfflineError } from '../../../miniprogram/src/services/errors';

/** The one way an error becomes the sentence a person reads (miniprogram/src/services/errors.ts). */
describe('errorText', () => {
  const refused = new ApiError({
    code: 'INPUT.INVALID',
    message: '请检查填写的内容',
    issues: [
      { path: 'trainees', message: '培训人次至少为 1' },
      { path: 'topic', message: '请填写培训主题' },
      { path: 'trainees', message: '培训人次必须是整数' },
    ],
  });

  it('gives the server message of a refusal, or its fields as asked', () => {
    expect(errorText(refused)).toBe('请检查填写的内容');
    expect(errorText(refused, { fields: 'first' })).toBe('培训人次至少为 1');
    expect(errorText(refused, { fields: 'all' })).toBe('请检查填写的内容：培训人次至少为 1；请填写培训主题');
    expect(refused.fieldErrors()).toEqual({ trainees: '培训人次至少为 1', topic: '请填写培训主题' });
  });

  it('falls back to the message of the code when the server sent none', () => {
    const e = new ApiError({ code: 'NOT_FOUND', message: '' });
    expect(errorText(e, { fields: 'all', other: 'x' })).toBe(errorMessages.NOT_FOUND);
    expect(errorText(e, { fields: 'first' })).toBe(errorMessages.NOT_FOUND);
  });

  it('says what the page chose for a lost network, else the queue message', () => {
    expect(errorText(new OfflineError(), { offline: '当前无网络' })).toBe('当前无网络');
    expect(errorText(new OfflineError(), { other: '网络不可用，请稍后重试' })).toBe('网络不可用，请稍后重试');
    expect(errorText(new OfflineError())).toBe('网络不可用，已保存在手机上，恢复网络后自动发送');
  });

  it('gives other failures their own message unless the page has a fixed text', () => {
    expect(errorText(new Error('请先填写申报内容'))).toBe('请先填写申报内容');
    expect(errorText(new Error('boom'), { offline: '当前无网络', other: '保存失败' })).toBe('保存失败');
    expect(errorText('plain')).toBe('plain');
  });
});
