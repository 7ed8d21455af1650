import { Button, Text, View } from '@tarojs/components';
import './review.css';

/**
 * The decisions, always at hand at the bottom of the screen (issue 15, finding 9): only those the
 * server allows now (the view's `can`), each with the number of comments it would send.
 */
export function ReviewActionBar({
  busy,
  allowed,
  comments,
  onPass,
  onReturn,
  onReject,
  passBlocked,
}: {
  busy: boolean;
  allowed: { pass: boolean; returnForRevision: boolean; reject: boolean };
  /** comments in the draft (field and material comments) */
  comments: number;
  onPass: () => void;
  onReturn: () => void;
  onReject: () => void;
  /** why 通过 cannot be sent yet (e.g. the score is missing), shown above the bar */
  passBlocked?: string;
}) {
  if (!allowed.pass && !allowed.returnForRevision && !allowed.reject) return null;
  const dis = busy ? ' is-disabled' : '';
  return (
    <>
      <View className="action-bar-spacer" />
      <View className="action-bar" id="review-action-bar">
        {passBlocked ? (
          <Text className="action-bar-note" id="pass-blocked">
            {passBlocked}
          </Text>
        ) : null}
        <View className="action-bar-row">
          {allowed.returnForRevision && (
            <Button className={`btn-plain action-bar-btn${dis}`} id="bar-return" onClick={onReturn}>
              {comments > 0 ? `退回（${comments} 条意见）` : '退回修改'}
            </Button>
          )}
          {allowed.reject && (
            <Button className={`btn-danger action-bar-btn${dis}`} id="bar-reject" onClick={onReject}>
              不予通过
            </Button>
          )}
          {allowed.pass && (
            <Button className={`btn action-bar-btn${dis}${passBlocked ? ' is-disabled' : ''}`} id="bar-pass" onClick={onPass}>
              审核通过
            </Button>
          )}
        </View>
      </View>
    </>
  );
}
