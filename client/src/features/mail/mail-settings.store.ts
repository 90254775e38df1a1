import type { MailChoice, NotificationSettings, SpaceMailMode } from '@atelier/contract';
import { createResource } from 'solid-js';
import { mailApi } from './mail.api';
import type { ChoiceKind } from './mail-lists';

/**
 * One's mail settings (`/profil/courriels`). Each change is saved as it is made, and the store
 * changes once the server has agreed. Writes go one after the other: two quick changes (arrow
 * keys through a radio group or a closed select) reach the server in the order they were made,
 * and each answer, which carries every setting, lands in that order too.
 */
export function createMailSettings() {
  const [settings, { mutate, refetch }] = createResource(() => mailApi.settings());
  let queue: Promise<unknown> = Promise.resolve();

  const write = (send: () => Promise<NotificationSettings>) => {
    const done = queue.then(async () => {
      const answer = await send();
      mutate(answer);
      return answer;
    });
    queue = done.catch(() => undefined);
    return done;
  };

  return {
    settings,
    reload: () => refetch(),
    /** Mails for mentions, replies or event reminders: each, or none. */
    setChoice: (kind: ChoiceKind, value: MailChoice) => write(() => mailApi.update({ [kind]: value })),
    /** One space's mails: each new message, a daily or weekly digest, or nothing. */
    setSpaceMode: (slug: string, mode: SpaceMailMode) => write(() => mailApi.setSpaceMode(slug, mode)),
  };
}
