import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './review.css';

export interface NavTarget {
  /** the element id to scroll to */
  anchor: string;
  label: string;
  /** comments in the draft under this step (shown as a count) */
  comments: number;
}

/** Jump to a step of the form, the materials or the actions, instead of scrolling 7,500 px (issue 15, finding 9). */
export function jumpTo(anchor: string) {
  void Taro.pageScrollTo({ selector: `#${anchor}`, duration: 200, offsetTop: -56 });
}

export function ReviewNavigator({ targets }: { targets: NavTarget[] }) {
  return (
    <View className="review-nav" id="review-nav">
      <ScrollView scrollX className="review-nav-scroll" enhanced showScrollbar={false}>
        <View className="review-nav-row">
          {targets.map((t) => (
            <Text
              key={t.anchor}
              className={`review-nav-chip${t.comments > 0 ? ' has-comments' : ''}`}
              data-nav={t.anchor}
              onClick={() => jumpTo(t.anchor)}
            >
              {t.label}
              {t.comments > 0 ? `（${t.comments}）` : ''}
            </Text>
          ))}
        </View>
      </ScrollView>
    </View>
  );
}
