import { createSignal, Show } from 'solid-js';
import './avatar.css';

/** "Camille Dupont" → "CD": up to two initials. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/** One of the six tones of avatar.css, chosen by the person's id (a class: the CSP allows no inline style). */
const toneOf = (key: string) => [...key].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 6;

/**
 * A person's profile picture, or their initials in a round badge (the same colour everywhere
 * for the same person) when they have none or it cannot be loaded. Decorative either way: the
 * name is always written beside it, so the image has an empty alt and the badge is hidden.
 */
export function Avatar(props: { name: string; id: string; url?: string | null; size?: 'large' }) {
  // The URL that failed to load: a new picture (a new URL) is tried again.
  const [failed, setFailed] = createSignal<string | null>(null);
  const url = () => (props.url && props.url !== failed() ? props.url : null);
  const sizeClass = () => (props.size ? ` avatar--${props.size}` : '');
  return (
    <Show
      when={url()}
      fallback={
        <span class={`avatar avatar--tone-${toneOf(props.id)}${sizeClass()}`} aria-hidden="true">
          {initials(props.name)}
        </span>
      }
    >
      {(src) => (
        <img
          class={`avatar avatar--image${sizeClass()}`}
          src={src()}
          alt=""
          width="256"
          height="256"
          loading="lazy"
          decoding="async"
          onError={() => setFailed(src())}
        />
      )}
    </Show>
  );
}
