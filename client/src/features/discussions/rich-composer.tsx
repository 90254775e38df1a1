import type { Editor } from '@tiptap/core';
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { t, tc } from './discussions.i18n';
import '../../ui/fields.css';

export interface RichComposerHandle {
  html(): string;
  /** Plain text, paragraphs separated by a blank line (for the optimistic preview). */
  text(): string;
  isEmpty(): boolean;
  clear(): void;
  focus(): void;
  /** Adds a quotation of another post (its sanitized HTML) at the end, and a paragraph after it. */
  quote(author: string, html: string): void;
  /** Inserts HTML (a paragraph the page built and escaped) where the cursor was, and focuses the editor. */
  insert(html: string): void;
}

/** A member one can name with @: the server turns `@Display Name` into a mention. */
export interface MentionCandidate {
  id: string;
  displayName: string;
}

interface RichComposerProps {
  label: string;
  /** Starting HTML (the server's sanitized body when editing). */
  initial?: string;
  /** Ctrl/⌘ + Entrée publishes. */
  onSubmit: () => void;
  /** Replaces the hint under the label (what Ctrl + Entrée does, the shortcuts). */
  hint?: string;
  onTyping?: () => void;
  error?: string | null;
  ref?: (handle: RichComposerHandle) => void;
  /** Members whose name starts with `query` (a word of it); gives @mention suggestions. */
  mentions?: (query: string) => Promise<MentionCandidate[]>;
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

  // @mention suggestions: an inline listbox under the editor, driven from the editor's keys
  // (the editor keeps focus; aria-activedescendant points at the highlighted option).
  const [suggestions, setSuggestions] = createSignal<MentionCandidate[]>([]);
  const [suggesting, setSuggesting] = createSignal(false);
  const [highlighted, setHighlighted] = createSignal(0);
  let choose: ((person: MentionCandidate) => void) | undefined;
  const optionId = (index: number) => `${id}-mention-${index}`;
  const syncAria = () => {
    const input = editor?.view.dom;
    if (!input) return;
    const open = suggesting() && suggestions().length > 0;
    if (open) {
      input.setAttribute('aria-controls', `${id}-mentions`);
      input.setAttribute('aria-activedescendant', optionId(highlighted()));
    } else {
      input.removeAttribute('aria-controls');
      input.removeAttribute('aria-activedescendant');
    }
  };
  const showSuggestions = (items: MentionCandidate[], command: (person: MentionCandidate) => void) => {
    choose = command;
    setSuggestions(items);
    if (highlighted() >= items.length) setHighlighted(0);
    setSuggesting(true);
    syncAria();
  };
  const hideSuggestions = () => {
    setSuggesting(false);
    setSuggestions([]);
    setHighlighted(0);
    choose = undefined;
    syncAria();
  };
  const moveHighlight = (step: number) => {
    const count = suggestions().length;
    if (!count) return;
    setHighlighted((current) => (current + step + count) % count);
    syncAria();
    document.getElementById(optionId(highlighted()))?.scrollIntoView({ block: 'nearest' });
  };

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
    const [{ Editor, Extension }, { default: StarterKit }, { default: Link }, mentionModule] = await Promise.all([
      import('@tiptap/core'),
      import('@tiptap/starter-kit'),
      import('@tiptap/extension-link'),
      props.mentions ? import('@tiptap/extension-mention') : Promise.resolve(null),
    ]);
    const source = props.mentions;
    const mentionExtensions =
      mentionModule && source
        ? [
            mentionModule.default.configure({
              suggestion: {
                char: '@',
                allowSpaces: false,
                items: async ({ query }: { query: string }) => {
                  try {
                    return (await source(query)).slice(0, 8);
                  } catch {
                    return [];
                  }
                },
                // Plain text, as the server resolves `@Display Name` itself.
                command: ({ editor: current, range, props: person }) => {
                  const chosen = person as MentionCandidate;
                  current.chain().focus().insertContentAt(range, `@${chosen.displayName} `).run();
                },
                render: () => ({
                  onStart: (state) => {
                    setHighlighted(0);
                    showSuggestions(state.items as MentionCandidate[], state.command);
                  },
                  onUpdate: (state) => showSuggestions(state.items as MentionCandidate[], state.command),
                  onExit: () => hideSuggestions(),
                  onKeyDown: ({ event }) => {
                    if (event.key === 'Escape') {
                      hideSuggestions();
                      return true;
                    }
                    if (!suggestions().length) return false;
                    if (event.key === 'ArrowDown') {
                      moveHighlight(1);
                      return true;
                    }
                    if (event.key === 'ArrowUp') {
                      moveHighlight(-1);
                      return true;
                    }
                    if (event.key === 'Enter' || event.key === 'Tab') {
                      const person = suggestions()[highlighted()];
                      if (person) choose?.(person);
                      return true;
                    }
                    return false;
                  },
                }),
              },
            }),
          ]
        : [];
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
        ...mentionExtensions,
      ],
      editorProps: {
        attributes: {
          id: `${id}-input`,
          class: 'field__input rich-composer__input',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': `${id}-label`,
          'aria-describedby': `${id}-hint`,
          ...(props.mentions ? { 'aria-autocomplete': 'list' } : {}),
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
    quote: (author, html) => {
      const name = author.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
      editor
        ?.chain()
        .focus('end')
        .insertContent(`<blockquote><p><strong>${name}</strong></p>${html}</blockquote><p></p>`)
        .run();
    },
    insert: (html) => {
      editor?.chain().focus().insertContent(html).run();
    },
  });

  return (
    <div class="composer field rich-composer">
      <span class="field__label" id={`${id}-label`}>
        {props.label}
      </span>
      <p class="field__hint" id={`${id}-hint`}>
        {props.hint ?? t('composer.hint')}
      </p>
      <div
        class="rich-composer__toolbar"
        role="toolbar"
        aria-label={t('composer.toolbar')}
        // The editor, and the id it carries, exist once TipTap has loaded.
        aria-controls={ready() ? `${id}-input` : undefined}
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
      <Show when={suggesting() && suggestions().length > 0}>
        <div class="mention-list" id={`${id}-mentions`} role="listbox" aria-label={t('composer.mentions')}>
          <For each={suggestions()}>
            {(person, index) => (
              <div
                id={optionId(index())}
                role="option"
                tabIndex={-1}
                class="mention-list__option"
                aria-selected={index() === highlighted() ? 'true' : 'false'}
                // Chosen on press, so focus and selection stay in the editor; the keyboard
                // chooses from the editor (arrows, Enter) through aria-activedescendant.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose?.(person);
                }}
              >
                {person.displayName}
              </div>
            )}
          </For>
        </div>
      </Show>
      <p class="visually-hidden" role="status">
        {suggesting() && suggestions().length > 0 ? tc('composer.mentions.count', suggestions().length) : ''}
      </p>
      <Show when={props.error}>
        <p class="field__error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
