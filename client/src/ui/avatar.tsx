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
 * A person's initials in a round badge, the same colour everywhere for the same person.
 * Decorative: the name is always written beside it.
 */
export function Avatar(props: { name: string; id: string }) {
  return (
    <span class={`avatar avatar--tone-${toneOf(props.id)}`} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}
