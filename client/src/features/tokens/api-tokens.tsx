import type { ApiToken } from '@atelier/contract';
import { createResource, createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { tokensApi } from './tokens.api';
import { t } from './tokens.i18n';
import './tokens.css';
import { ShownOnce } from '../../ui/shown-once';

const scopesText = (token: ApiToken) => t(token.scopes.includes('write') ? 'tokens.scope.write' : 'tokens.scope.read');

/**
 * « Accès par programme » on the profile: create a token (its secret shown once, in a field
 * that takes the focus so that it can be copied at once), the list with each one's last use,
 * and « Révoquer ». Nothing is said to be done before the server answered.
 */
export function ApiTokens() {
  const [tokens, { refetch }] = createResource(() => tokensApi.list());
  const [name, setName] = createSignal('');
  const [write, setWrite] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [nameError, setNameError] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [created, setCreated] = createSignal<{ name: string; token: string } | null>(null);

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const trimmed = name().trim();
    setNameError(trimmed.length === 0 || trimmed.length > 80 ? t('tokens.name.invalid') : undefined);
    if (nameError()) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const answer = await tokensApi.create({ name: trimmed, scopes: write() ? ['read', 'write'] : ['read'] });
      setCreated({ name: answer.apiToken.name, token: answer.token });
      setName('');
      setWrite(false);
      await refetch();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await tokensApi.revoke(token.id);
      if (created()?.name === token.name) setCreated(null);
      await refetch();
      setMessage(t('tokens.revoked', { name: token.name }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card api-tokens" aria-labelledby="api-tokens-title" aria-busy={busy()}>
      <h2 id="api-tokens-title">{t('tokens.heading')}</h2>
      <p>{t('tokens.intro')}</p>
      <form onSubmit={(event) => void create(event)} novalidate>
        <TextInput
          label={t('tokens.name')}
          name="token-name"
          value={name()}
          onInput={setName}
          hint={t('tokens.name.hint')}
          error={nameError()}
          maxLength={80}
          required
        />
        <CheckboxField
          label={t('tokens.write')}
          name="token-write"
          checked={write()}
          onChange={setWrite}
          hint={t('tokens.write.hint')}
        />
        <SubmitButton label={t('tokens.create')} busyLabel={t('tokens.creating')} busy={busy()} />
      </form>
      <Show when={created()}>
        {(fresh) => (
          <ShownOnce
            id="api-token-secret"
            title={t('tokens.created.title')}
            text={t('tokens.created.text')}
            label={t('tokens.created.label', { name: fresh().name })}
            value={fresh().token}
            doneLabel={t('tokens.created.done')}
            onDone={() => setCreated(null)}
          />
        )}
      </Show>
      <StatusMessage message={message()} />
      <ErrorAlert message={error()} />
      <h3>{t('tokens.list')}</h3>
      <Loadable error={t('tokens.error')} retry={refetch}>
        <Show when={(tokens()?.items.length ?? 0) > 0} fallback={<p class="muted">{t('tokens.empty')}</p>}>
          <ul class="api-tokens__list">
            <For each={tokens()?.items}>
              {(token) => (
                <li class="api-tokens__item">
                  <div id={`api-token-${token.id}`}>
                    <p class="api-tokens__name">
                      {token.name} <code>{token.prefix}…</code>
                    </p>
                    <p class="api-tokens__meta">
                      {t('tokens.meta', { date: formatDateTime(token.createdAt, locale()), scopes: scopesText(token) })}
                    </p>
                    <p class="api-tokens__meta">
                      {token.lastUsedAt
                        ? t('tokens.used', { date: formatDateTime(token.lastUsedAt, locale()) })
                        : t('tokens.unused')}
                    </p>
                  </div>
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-describedby={`api-token-${token.id}`}
                    aria-disabled={busy() || undefined}
                    onClick={() => void revoke(token)}
                  >
                    {t('tokens.revoke')}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Loadable>
    </section>
  );
}
