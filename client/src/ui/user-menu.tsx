import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { session } from '../features/accounts/session.store';
import { errorText } from '../lib/form';
import { t } from '../lib/i18n';
import { Avatar } from './avatar';
import { notify } from './toaster';
import './menu.css';

/** The signed-in person's menu: profile and sign-out, as a keyboard-friendly Kobalte menu. */
export function UserMenu(props: { name: string; id: string; avatarUrl: string | null }) {
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await session.logout();
      notify(t('signOut.done'));
      navigate('/');
    } catch (error) {
      notify(`${t('signOut.failed')} ${errorText(error)}`);
    }
  };

  return (
    // Not modal: the rest of the page stays readable and nothing is hidden from assistive
    // technologies; Escape, Tab or a click outside close the menu.
    <DropdownMenu modal={false}>
      <DropdownMenu.Trigger class="user-menu__trigger">
        <Avatar name={props.name} id={props.id} url={props.avatarUrl} />
        {/* Named "Menu du compte de <name>": the visible name is part of the accessible one. */}
        <span class="visually-hidden">{t('nav.userMenu')} </span>
        <span class="user-menu__name">{props.name}</span>
        <DropdownMenu.Icon class="user-menu__icon" aria-hidden="true">
          ▾
        </DropdownMenu.Icon>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content class="menu">
        <DropdownMenu.Item class="menu__item" onSelect={() => navigate('/mes-espaces')}>
          {t('nav.mySpaces')}
        </DropdownMenu.Item>
        <DropdownMenu.Item class="menu__item" onSelect={() => navigate('/profil')}>
          {t('nav.profile')}
        </DropdownMenu.Item>
        <Show when={session.user()?.role === 'admin'}>
          <DropdownMenu.Item class="menu__item" onSelect={() => navigate('/admin/journal')}>
            {t('nav.auditLog')}
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu__item" onSelect={() => navigate('/admin/moderation')}>
            {t('nav.moderation')}
          </DropdownMenu.Item>
        </Show>
        <DropdownMenu.Item class="menu__item" onSelect={() => void signOut()}>
          {t('nav.signOut')}
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  );
}
