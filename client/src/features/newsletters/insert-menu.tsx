import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, type Resource, Show } from 'solid-js';
import { BLOCK_GROUPS, type InsertBlock } from './newsletter-blocks';
import { t } from './newsletters.i18n';
import '../../ui/menu.css';

/**
 * « Insérer depuis l'espace »: a Kobalte menu (arrow keys, typeahead, Escape; each group a
 * labelled `group`) of the space's events, documents, resources and threads. Choosing one hands
 * the block to the page, which inserts it in the editor; focus then goes to the editor, where
 * the text landed, rather than back to the button.
 */
export function InsertMenu(props: {
  blocks: Resource<InsertBlock[]>;
  onInsert: (block: InsertBlock) => void;
  onClosed: () => void;
}) {
  let chosen = false;
  const inGroup = (group: InsertBlock['group']) =>
    props.blocks.state === 'ready' ? props.blocks().filter((block) => block.group === group) : [];
  return (
    <DropdownMenu
      modal={false}
      onOpenChange={(open) => {
        if (open) chosen = false;
      }}
    >
      <DropdownMenu.Trigger class="button button--secondary insert-menu__trigger">
        {t('newsletters.insert')}
        <DropdownMenu.Icon class="insert-menu__icon" aria-hidden="true">
          ▾
        </DropdownMenu.Icon>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          class="menu insert-menu"
          onCloseAutoFocus={(event) => {
            if (!chosen) return;
            event.preventDefault();
            props.onClosed();
          }}
        >
          <Show when={props.blocks.state === 'errored'}>
            <DropdownMenu.Item class="menu__item" disabled>
              {t('newsletters.insert.error')}
            </DropdownMenu.Item>
          </Show>
          <Show when={props.blocks.loading}>
            <DropdownMenu.Item class="menu__item" disabled>
              {t('common.loading')}
            </DropdownMenu.Item>
          </Show>
          <Show when={props.blocks.state === 'ready'}>
            <For each={BLOCK_GROUPS}>
              {(group) => (
                <DropdownMenu.Group class="insert-menu__group">
                  <DropdownMenu.GroupLabel class="insert-menu__label">
                    {t(`newsletters.insert.group.${group}`)}
                  </DropdownMenu.GroupLabel>
                  <For
                    each={inGroup(group)}
                    fallback={
                      <DropdownMenu.Item class="menu__item insert-menu__none" disabled>
                        {t('newsletters.insert.none')}
                      </DropdownMenu.Item>
                    }
                  >
                    {(block) => (
                      <DropdownMenu.Item
                        class="menu__item insert-menu__item"
                        textValue={block.title}
                        onSelect={() => {
                          chosen = true;
                          props.onInsert(block);
                        }}
                      >
                        <span class="insert-menu__title">{block.title}</span>
                        <Show when={block.detail}>
                          <span class="insert-menu__detail">{block.detail}</span>
                        </Show>
                      </DropdownMenu.Item>
                    )}
                  </For>
                </DropdownMenu.Group>
              )}
            </For>
          </Show>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
