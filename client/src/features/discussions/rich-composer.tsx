import type { Editor } from '@tiptap/core';
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import '../../ui/fields.css';

export interface RichComposerHandle {
  html(): string;
  /** Plain text, paragraphs separated by a blank line (for the optimistic preview). */
  text(): string;
  isEmpty(): boolean;
  clear(): void;
  focus(): void;
}

interface RichComposerProps {
  label: string;
  /** Starting HTML (the server's sanitized body when editing). */
  initial?: string;
  /** Ctrl/⌘ + Entrée publishes. */
  onSubmit: () => void;
  onTyping?: () => void;
  error?: string | null;
  ref?: (handle: RichComposerHandle) => void;
}

type Mark = 'bold' | 'italic' | 'bulletList' | 'link' | 'blockquote';
const TOOLS: { name: Mark; key: 'bold' | 'italic' | 'list' | 'link' | 'quote'; shortcut: string }[] = [
  { name: 'bold', key: 'bold', shortcut: 'Control+B' },
  { name: 'italic', key: 'italic', shortcut: 'Control+I' },
  { name: 'bulletList', key: 'list', shortcut: 'Control+Shift+8' },
  { name: 'link', key: 'link', shortcut: 'Control+K' },
  { name: 'blockquote', key: 'quote', shortcut: 'Control+Shift+B' },
];
const TYPING_EVERY_MS = 3000;

/**
 * Rich text without markup: TipTap (ProseMirror), downloaded only when a thread page shows a
 * composer. TipTap's own `<style>` injection is off (the CSP forbids inline styles); what it
 * needs is in discussions.css. The HTML it produces is sent as `body` and sanitised by the
 * server, like anything else.
 */
export function RichComposer(props: RichComposerProps) {
  const id = createUniqueId();
  let host: HTMLDivElement | undefined;
  let editor: Editor | undefined;
  const [active, setActive] = createSignal<Record<Mark, boolean>>({
    bold: false,
    italic: false,
    bulletList: false,
    link: false,
    blockquote: false,
  });
  const [ready, setReady] = createSignal(false);
  let lastTyping = 0;

  const refresh = () => {
    if (!editor) return;
    const current = editor;
    setActive({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      link: current.isActive('link'),
      blockquote: current.isActive('blockquote'),
    });
  };

  const toggleLink = () => {
    if (!editor) return;
    if (editor.isActive('link')) {
      editor.chain().focus().unsetLink().run();
      return;
    }
    const href = window.prompt(t('composer.linkPrompt'), 'https://');
    if (!href || href === 'https://') return editor.commands.focus();
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
  };

  const apply = (mark: Mark) => {
    if (!editor) return;
    const chain = editor.chain().focus();
    if (mark === 'bold') chain.toggleBold().run();
    else if (mark === 'italic') chain.toggleItalic().run();
    else if (mark === 'bulletList') chain.toggleBulletList().run();
    else if (mark === 'blockquote') chain.toggleBlockquote().run();
    else toggleLink();
  };

  onMount(async () => {
    const [{ Editor, Extension }, { default: StarterKit }, { default: Link }] = await Promise.all([
      import('@tiptap/core'),
      import('@tiptap/starter-kit'),
      import('@tiptap/extension-link'),
    ]);
    if (!host) return;
    const Shortcuts = Extension.create({
      name: 'atelierShortcuts',
      addKeyboardShortcuts: () => ({
        'Mod-Enter': () => {
          props.onSubmit();
          return true;
        },
        'Mod-k': () => {
          toggleLink();
          return true;
        },
      }),
    });
    editor = new Editor({
      element: host,
      injectCSS: false,
      content: props.initial ?? '',
      extensions: [
        StarterKit.configure({
          heading: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: false,
        }),
        Link.configure({ openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' }),
        Shortcuts,
      ],
      editorProps: {
        attributes: {
          id: `${id}-input`,
          class: 'field__input rich-composer__input',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': `${id}-label`,
          'aria-describedby': `${id}-hint`,
        },
      },
      onTransaction: refresh,
      onUpdate: ({ editor: current }) => {
        const now = Date.now();
        if (props.onTyping && !current.isEmpty && now - lastTyping > TYPING_EVERY_MS) {
          lastTyping = now;
          props.onTyping();
        }
      },
    });
    setReady(true);
  });
  onCleanup(() => editor?.destroy());

  props.ref?.({
    html: () => editor?.getHTML() ?? '',
    text: () => editor?.getText({ blockSeparator: '\n\n' }) ?? '',
    isEmpty: () => editor?.isEmpty ?? true,
    clear: () => {
      editor?.commands.clearContent(true);
      // The next message is news: its first keystroke is announced at once.
      lastTyping = 0;
    },
    focus: () => editor?.commands.focus(),
  });

  return (
    <div class="composer field rich-composer">
      <span class="field__label" id={`${id}-label`}>
        {props.label}
      </span>
      <p class="field__hint" id={`${id}-hint`}>
        {t('composer.hint')}
      </p>
      <div
        class="rich-composer__toolbar"
        role="toolbar"
        aria-label={t('composer.toolbar')}
        aria-controls={`${id}-input`}
      >
        <For each={TOOLS}>
          {(tool) => (
            <button
              type="button"
              class="rich-composer__tool"
              aria-pressed={active()[tool.name] ? 'true' : 'false'}
              aria-keyshortcuts={tool.shortcut}
              disabled={!ready()}
              // Keeps the selection in the editor while the button is pressed.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => apply(tool.name)}
            >
              {t(`composer.${tool.key}`)}
            </button>
          )}
        </For>
      </div>
      <div ref={host} class="rich-composer__host" />
      <Show when={props.error}>
        <p class="field__error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
