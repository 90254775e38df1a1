import type { ReactionEmoji } from '@atelier/contract';
import lightBulb from '@twemoji/svg/1f4a1.svg?url';
import thumbsUp from '@twemoji/svg/1f44d.svg?url';
import foldedHands from '@twemoji/svg/1f64f.svg?url';
import partyPopper from '@twemoji/svg/1f389.svg?url';
import eyes from '@twemoji/svg/1f440.svg?url';
import heart from '@twemoji/svg/2764.svg?url';

/**
 * The reaction emoji as images of the Twemoji set, bundled with the app: stock Debian and many
 * local-government workstations have no colour emoji font and would show empty boxes.
 */
const IMAGES: Record<ReactionEmoji, string> = {
  '👍': thumbsUp,
  '❤️': heart,
  '🎉': partyPopper,
  '💡': lightBulb,
  '🙏': foldedHands,
  '👀': eyes,
};

/** An emoji image; its text alternative is the emoji itself unless the caller names it (`label`), or hides it (''). */
export function Emoji(props: { emoji: ReactionEmoji; label?: string }) {
  return <img class="emoji" src={IMAGES[props.emoji]} alt={props.label ?? props.emoji} width="18" height="18" />;
}
