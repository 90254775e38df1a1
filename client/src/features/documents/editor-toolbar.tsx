import type { Editor } from '@tiptap/core';
import { createSignal, For } from 'solid-js';
import { type MessageKey, t } from './documents.i18n';

/**
 * The formatting toolbar of a document. One tab stop (WAI-ARIA toolbar pattern): Tab enters
 * on the last used button, the arrow keys, Home and End move between buttons. Toggles say
 * whether they are on with aria-pressed; the buttons wrap on a narrow screen.
 */

interface Tool {
  id: string;
  label: MessageKey;
  shortcut: string;
  /** Toggles report their state; actions (undo, redo) do not. */
  active?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

function toggleLink(editor: Editor) {
  if (editor.isActive('link')) {
    editor.chain().focus().unsetLink().run();
    return;
  }
  const href = window.prompt(t('document.linkPrompt'), 'https://');
  if (!href || href === 'https://') {
    editor.commands.focus();
    return;
  }
  editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
}

export const TOOLS: Tool[] = [
  {
    id: 'bold',
    label: 'document.tool.bold',
    shortcut: 'Control+B',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    id: 'italic',
    label: 'document.tool.italic',
    shortcut: 'Control+I',
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    id: 'heading',
    label: 'document.tool.heading',
    shortcut: 'Control+Alt+2',
    active: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    id: 'subheading',
    label: 'document.tool.subheading',
    shortcut: 'Control+Alt+3',
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: 'bulletList',
    label: 'document.tool.bulletList',
    shortcut: 'Control+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'orderedList',
    label: 'document.tool.orderedList',
    shortcut: 'Control+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'quote',
    label: 'document.tool.quote',
    shortcut: 'Control+Shift+B',
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    id: 'link',
    label: 'document.tool.link',
    shortcut: 'Control+K',
    active: (e) => e.isActive('link'),
    run: toggleLink,
  },
  { id: 'undo', label: 'document.tool.undo', shortcut: 'Control+Z', run: (e) => e.chain().focus().undo().run() },
  { id: 'redo', label: 'document.tool.redo', shortcut: 'Control+Shift+Z', run: (e) => e.chain().focus().redo().run() },
];

export function EditorToolbar(props: {
  editor: () => Editor | undefined;
  /** Bumped on every editor transaction, so the pressed states follow the selection. */
  version: () => number;
  controls: string;
  disabled: boolean;
  /** Comments on a passage: « Commenter » ends the toolbar (comments work read-only too). */
  onComment?: (() => void) | undefined;
}) {
  const [focused, setFocused] = createSignal(0);
  const buttons: HTMLButtonElement[] = [];
  const tools = (): Tool[] => {
    const comment = props.onComment;
    if (!comment) return TOOLS;
    return [
      ...TOOLS,
      { id: 'comment', label: 'document.tool.comment', shortcut: 'Control+Alt+M', run: () => comment() },
    ];
  };

  const pressed = (tool: Tool) => {
    props.version();
    const editor = props.editor();
    if (!tool.active || !editor) return undefined;
    return tool.active(editor) ? 'true' : 'false';
  };

  const move = (event: KeyboardEvent, index: number) => {
    const count = tools().length;
    const last = count - 1;
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % count
        : event.key === 'ArrowLeft'
          ? (index - 1 + count) % count
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    setFocused(target);
    buttons[target]?.focus();
  };

  return (
    <div class="editor-toolbar" role="toolbar" aria-label={t('document.toolbar')} aria-controls={props.controls}>
      <For each={tools()}>
        {(tool, index) => (
          <button
            ref={(element) => {
              buttons[index()] = element;
            }}
            type="button"
            class="editor-toolbar__tool"
            tabindex={focused() === index() ? 0 : -1}
            aria-pressed={pressed(tool)}
            aria-keyshortcuts={tool.shortcut}
            aria-disabled={props.disabled || undefined}
            // Keeps the selection in the editor while the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setFocused(index())}
            onKeyDown={(event) => move(event, index())}
            onClick={() => {
              const editor = props.editor();
              if (!props.disabled && editor) tool.run(editor);
            }}
          >
            {t(tool.label)}
          </button>
        )}
      </For>
    </div>
  );
}
