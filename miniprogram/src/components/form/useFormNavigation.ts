import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Step navigation shared by every multi-step form (issue 15, finding 5): the current step, opening
 * a step (remembered through `remember`, so reopening a draft returns to it), and jumping to a field
 * — switch to its step, then scroll the field into view once the step has rendered.
 */
export function useFormNavigation(
  steps: readonly { id: string }[],
  opts: { resumeAt?: string | undefined; remember?: (stepId: string) => void } = {},
) {
  const [index, setIndex] = useState(0);
  const resumed = useRef(false);
  const [target, setTarget] = useState<{ selector: string; n: number } | null>(null);

  // resume once, when the steps and the remembered step are known
  useEffect(() => {
    if (resumed.current || steps.length === 0 || opts.resumeAt === undefined) return;
    resumed.current = true;
    const i = steps.findIndex((s) => s.id === opts.resumeAt);
    if (i > 0) setIndex(i);
  }, [steps, opts.resumeAt]);

  const open = useCallback(
    (i: number) => {
      const clamped = Math.max(0, Math.min(steps.length - 1, i));
      setIndex(clamped);
      const id = steps[clamped]?.id;
      if (id) opts.remember?.(id);
    },
    [steps, opts.remember],
  );

  /** Open a step and bring a field (or the top of the step) into view. */
  const jumpTo = useCallback(
    (stepId: string, fieldKey: string | null) => {
      const i = steps.findIndex((s) => s.id === stepId);
      if (i >= 0) open(i);
      setTarget((t) => ({ selector: fieldKey ? `#field-${fieldKey}` : `#step-body`, n: (t?.n ?? 0) + 1 }));
    },
    [steps, open],
  );

  useEffect(() => {
    if (!target) return;
    // after the step has rendered
    const timer = setTimeout(() => {
      void Taro.pageScrollTo({ selector: target.selector, offsetTop: -80, duration: 200 }).catch(() => undefined);
    }, 50);
    return () => clearTimeout(timer);
  }, [target]);

  const current = steps[Math.min(index, Math.max(0, steps.length - 1))];
  return { index, current, open, jumpTo, resumed: resumed.current };
}

/** Bring an element into view (a chooser that appears below the fold). */
export function scrollIntoView(selector: string) {
  setTimeout(() => void Taro.pageScrollTo({ selector, offsetTop: -16, duration: 200 }).catch(() => undefined), 50);
}
