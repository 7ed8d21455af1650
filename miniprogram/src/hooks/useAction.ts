import { useCallback, useRef, useState } from 'react';
import { ApiError, type ErrorTextOptions, errorText } from '../services/errors';

/** The one notice shape: what the person reads after an action, with its tone. */
export type Tone = 'ok' | 'warn' | 'err';
export interface Notice {
  tone: Tone;
  text: string;
}
export type FieldErrors = Record<string, string>;

/** Thrown inside an action when the form is invalid before anything is sent: marks the fields. */
export class Invalid extends Error {
  constructor(
    readonly fields: FieldErrors,
    message = '',
  ) {
    super(message);
    this.name = 'Invalid';
  }
}

export interface RunOptions<T> {
  /** the notice when the work succeeds: a text (tone ok), a notice, or one made from the result */
  ok?: string | Notice | ((value: T) => string | Notice | null);
  /** how a failure reads (services/errors.ts errorText) */
  error?: ErrorTextOptions;
  /** an ApiError's field paths as the form names its fields (e.g. without the `entry.` prefix) */
  fieldPath?: (path: string) => string;
  /** 'unlessFields': when the server marked fields, show only the marks, no notice */
  notice?: 'always' | 'unlessFields';
  /** which action is running (busyKey), for a page that shows it on one button of many */
  key?: string;
  /** a background step (e.g. a re-check after a refusal): keeps the current notice and marks unless it fails */
  quiet?: boolean;
  /** run even while another action runs (a reload whose latest parameters must win) */
  overlap?: boolean;
}

const asNotice = (n: string | Notice): Notice => (typeof n === 'string' ? { tone: 'ok', text: n } : n);

/**
 * Busy state, the notice and the field errors of a page's actions, handled the same way everywhere:
 * one action at a time; a new action clears the last notice and marks; a failure becomes the notice
 * (errorText) and the marked fields (an ApiError's issues, or an Invalid thrown by the form).
 */
export function useAction(initial: Notice | null = null) {
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const running = useRef(0);

  const fail = useCallback((e: unknown, opts: Pick<RunOptions<unknown>, 'error' | 'fieldPath' | 'notice'> = {}) => {
    if (e instanceof Invalid) {
      setFieldErrors(e.fields);
      setNotice(e.message ? { tone: 'err', text: e.message } : null);
      return;
    }
    const fields: FieldErrors = {};
    if (e instanceof ApiError) for (const [p, m] of Object.entries(e.fieldErrors())) fields[opts.fieldPath ? opts.fieldPath(p) : p] = m;
    setFieldErrors(fields);
    if (opts.notice === 'unlessFields' && Object.keys(fields).length) setNotice(null);
    else setNotice({ tone: 'err', text: errorText(e, opts.error) });
  }, []);

  /** Run `work` (ignored while another action runs, unless `overlap`). Resolves to its value, or undefined when it failed. */
  const run = useCallback(
    async <T>(work: () => Promise<T>, opts: RunOptions<T> = {}): Promise<T | undefined> => {
      if (running.current > 0 && !opts.overlap) return undefined;
      running.current += 1;
      setBusyKey(opts.key ?? 'action');
      if (!opts.quiet) {
        setNotice(null);
        setFieldErrors({});
      }
      try {
        const value = await work();
        const ok = typeof opts.ok === 'function' ? opts.ok(value) : opts.ok;
        if (ok) setNotice(asNotice(ok));
        return value;
      } catch (e) {
        fail(e, opts);
        return undefined;
      } finally {
        running.current -= 1;
        if (running.current === 0) setBusyKey(null);
      }
    },
    [fail],
  );

  /** Show a notice outside an action (e.g. a failed load, or a queued entry). */
  const say = useCallback((tone: Tone, text: string) => setNotice({ tone, text }), []);
  /** Drop the notice if it reports a failure (a later load worked); an ok notice stays. */
  const clearError = useCallback(() => setNotice((n) => (n?.tone === 'err' ? null : n)), []);
  const clear = useCallback(() => {
    setNotice(null);
    setFieldErrors({});
  }, []);

  return { busy: busyKey !== null, busyKey, notice, fieldErrors, run, fail, say, clear, clearError, setFieldErrors };
}
export type Action = ReturnType<typeof useAction>;
