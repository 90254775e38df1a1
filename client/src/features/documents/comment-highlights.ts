import type { CommentAnchor } from '@atelier/contract';
import type { Editor } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Comment anchors in the editor. An anchor is two Yjs relative positions (made with
 * y-prosemirror's — here @tiptap/y-tiptap's, the fork TipTap's collaboration runs on — position
 * helpers and the editor's binding), so a passage follows the text whoever edits it; the plugin
 * turns the open threads' anchors back into positions and highlights their passages.
 */

export interface Highlighted {
  id: string;
  anchor: CommentAnchor;
}

/** Where a thread's passage is now; `null` when its text is gone (or not loaded yet). */
export type Ranges = ReadonlyMap<string, { from: number; to: number } | null>;

interface HighlightState {
  decorations: DecorationSet;
  ranges: Ranges;
}

const key = new PluginKey<HighlightState>('commentHighlights');

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** The binding's view of the Yjs document; undefined before the collaboration plugin runs. */
function yState(state: EditorState) {
  return ySyncPluginKey.getState(state) as
    | { doc: Y.Doc; type: Y.XmlFragment; binding?: { mapping: Map<unknown, unknown> } | null }
    | undefined;
}

/** The passage `from`–`to` of the editor as an anchor, or null when there is nothing to anchor. */
export function anchorOf(state: EditorState, from: number, to: number, quote: string): CommentAnchor | null {
  const y = yState(state);
  if (!y?.binding || from >= to || !quote.trim()) return null;
  const encode = (pos: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, y.type, y.binding!.mapping as never)));
  return { start: encode(from), end: encode(to), quote };
}

/** Where an anchor is in the current content; null when its passage was deleted or cannot be read. */
export function rangeOf(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
  const y = yState(state);
  if (!y?.binding) return null;
  try {
    const position = (encoded: string) =>
      relativePositionToAbsolutePosition(
        y.doc,
        y.type,
        Y.decodeRelativePosition(fromBase64(encoded)),
        y.binding!.mapping as never,
      );
    const from = position(anchor.start);
    const to = position(anchor.end);
    if (from === null || to === null || from >= to || to > state.doc.content.size) return null;
    return { from, to };
  } catch {
    // An anchor that does not decode (another editor's bug) highlights nothing.
    return null;
  }
}

/**
 * The highlights of the open threads. Recomputed from the relative positions on every
 * transaction, except the reader's own edits: y-prosemirror updates Yjs from those only after
 * the transaction is applied, so the previous highlights are mapped through the edit instead
 * (exact for the edit itself), as y-prosemirror's own cursor plugin does. Positions held by
 * others' edits, the first sync and changes of the threads are always recomputed.
 */
export function commentHighlights(options: {
  threads: () => readonly Highlighted[];
  active: () => string | null;
  /** The ranges changed (for ordering the margin and focusing passages). */
  onRanges?: (ranges: Ranges) => void;
  /** A highlighted passage was clicked: its thread. */
  onActivate?: (threadId: string) => void;
  /** Control+Alt+M (⌘⌥M): comment on the selection, as in most editors. */
  onShortcut?: () => void;
}) {
  const compute = (state: EditorState): HighlightState => {
    const ranges = new Map<string, { from: number; to: number } | null>();
    const decorations: Decoration[] = [];
    const active = options.active();
    for (const thread of options.threads()) {
      const range = rangeOf(state, thread.anchor);
      ranges.set(thread.id, range);
      if (!range) continue;
      decorations.push(
        Decoration.inline(
          range.from,
          range.to,
          {
            class: `comment-highlight${thread.id === active ? ' comment-highlight--active' : ''}`,
            'data-comment-thread': thread.id,
          },
          // Text typed at the end of a passage joins it, as its Yjs end position moves with it.
          { inclusiveEnd: true, threadId: thread.id },
        ),
      );
    }
    return { decorations: DecorationSet.create(state.doc, decorations), ranges };
  };

  return new Plugin<HighlightState>({
    key,
    state: {
      init: (_, state) => compute(state),
      apply(tr, previous, _old, state) {
        const remote = Boolean(
          yState(state) && (ySyncPluginKey.getState(state) as { isChangeOrigin?: boolean }).isChangeOrigin,
        );
        if (tr.docChanged && !remote && !tr.getMeta(key)) {
          const decorations = previous.decorations.map(tr.mapping, tr.doc);
          const ranges = new Map<string, { from: number; to: number } | null>();
          for (const [id] of previous.ranges) ranges.set(id, null);
          for (const decoration of decorations.find()) {
            ranges.set((decoration.spec as { threadId: string }).threadId, {
              from: decoration.from,
              to: decoration.to,
            });
          }
          return { decorations, ranges };
        }
        return compute(state);
      },
    },
    props: {
      decorations: (state) => key.getState(state)?.decorations,
      handleKeyDown(_view, event) {
        if (!options.onShortcut || !(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== 'KeyM') {
          return false;
        }
        event.preventDefault();
        options.onShortcut();
        return true;
      },
      handleClick(view, pos) {
        const found = key.getState(view.state)?.decorations.find(pos, pos);
        const threadId = (found?.at(-1)?.spec as { threadId?: string } | undefined)?.threadId;
        if (threadId) options.onActivate?.(threadId);
        return false;
      },
    },
    view: () => ({
      update(view, previous) {
        const ranges = key.getState(view.state)?.ranges;
        if (ranges && ranges !== key.getState(previous)?.ranges) options.onRanges?.(ranges);
      },
    }),
  });
}

/** Recomputes the highlights now: the threads or the active one changed. */
export function refreshHighlights(editor: Editor) {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(key, true));
}

/** Where the thread's passage is now, as the plugin last computed it. */
export function currentRange(editor: Editor, threadId: string) {
  return key.getState(editor.state)?.ranges.get(threadId) ?? null;
}

/** Selects the passage and brings it into view. */
export function focusPassage(editor: Editor, range: { from: number; to: number }) {
  const { view } = editor;
  const selection = TextSelection.create(view.state.doc, range.from, range.to);
  view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
  view.focus();
}

/**
 * The selected passage and its text, or null. A read-only editor (readers may comment) keeps
 * ProseMirror's selection as the browser's, which is read when ProseMirror has none.
 */
export function selectedPassage(editor: Editor): { from: number; to: number; text: string } | null {
  const { state, view } = editor;
  let { from, to } = state.selection;
  if (from === to && !editor.isEditable) {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.anchorNode && selection.focusNode) {
      if (view.dom.contains(selection.anchorNode) && view.dom.contains(selection.focusNode)) {
        const a = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
        const b = view.posAtDOM(selection.focusNode, selection.focusOffset);
        from = Math.min(a, b);
        to = Math.max(a, b);
      }
    }
  }
  if (from === to) return null;
  const text = state.doc.textBetween(from, to, '\n', ' ').trim();
  return text ? { from, to, text } : null;
}
