import type { Delivery, Reminder, ReminderStatus } from '../../../shared/schemas/reports';
import type { Db } from '../db/port';
import { tables } from './tables';
import { inTx } from './tx';

/** Reminders and local delivery records (collection `outbox`): their one writer. Reports read them. */
export function outboxRepo(db: Db) {
  return {
    /** Claims a reminder: 'exists' when this person was already reminded for this quarter, 'retry' after a failure. */
    claimReminder: (doc: Reminder): Promise<'claimed' | 'exists' | 'retry'> =>
      inTx(db, async (tx) => {
        const existing = await tables.outbox.get(tx, doc.id);
        if (existing) {
          if (!('kind' in existing) || existing.status !== 'failed') return 'exists';
          await tables.outbox.put(tx, { ...existing, status: 'sending', attempts: existing.attempts + 1 });
          return 'retry';
        }
        await tables.outbox.insert(tx, doc);
        return 'claimed';
      }),
    async finishReminder(id: string, status: ReminderStatus, detail: string, now: number): Promise<void> {
      await inTx(db, async (tx) => {
        const d = await tables.outbox.get(tx, id);
        if (d && 'kind' in d) await tables.outbox.put(tx, { ...d, status, detail, sentAt: status === 'sent' ? now : d.sentAt });
      });
    },
    /** The local host's notifier: what would have gone to WeChat, kept beside the reminders. */
    recordDelivery: (d: Delivery) => tables.outbox.put(db, d),
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;
