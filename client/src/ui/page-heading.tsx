import { type JSX, onMount } from 'solid-js';
import { hasNavigated, usePageTitle } from '../lib/page';

/**
 * The page's h1. It also names the document and, after a navigation inside the app, takes
 * the focus (tabindex=-1: focusable by script, not in the tab order).
 */
export function PageHeading(props: { children: JSX.Element; title: string; class?: string }) {
  let heading!: HTMLHeadingElement;
  usePageTitle(() => props.title);
  onMount(() => {
    if (hasNavigated()) heading.focus({ preventScroll: false });
  });
  return (
    <h1 ref={heading} tabindex="-1" class={props.class ?? 'page-heading'}>
      {props.children}
    </h1>
  );
}
