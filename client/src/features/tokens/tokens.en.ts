import type { tokensFr } from './tokens.fr';

/** « Programmatic access »: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const tokensEn: Record<keyof typeof tokensFr, string> = {
  'tokens.heading': 'Programmatic access (API tokens)',
  'tokens.intro':
    'A token lets a spreadsheet or a script read the Atelier on your behalf (header “Authorization: Bearer …”), with your rights and never more. It cannot change your account or your password, nor create other tokens.',
  'tokens.name': 'Token name',
  'tokens.name.hint': 'To recognise it later, for instance “Workstream spreadsheet”.',
  'tokens.name.invalid': 'Give a name of 1 to 80 characters.',
  'tokens.write': 'Also allow writing (posting, registering…)',
  'tokens.write.hint': 'Without this box, the token can only read.',
  'tokens.create': 'Create the token',
  'tokens.creating': 'Creating…',
  'tokens.created.title': 'Your new token',
  'tokens.created.text': 'Copy it now: it will never be shown again. Keep it like a password.',
  'tokens.created.label': 'Token “{name}”',
  'tokens.created.done': 'I have copied the token',
  'tokens.list': 'Your tokens',
  'tokens.empty': 'No token yet.',
  'tokens.error': 'Your tokens could not be loaded.',
  'tokens.scope.read': 'read',
  'tokens.scope.write': 'read and write',
  'tokens.meta': 'Created on {date} · {scopes}',
  'tokens.used': 'Last used: {date}',
  'tokens.unused': 'Never used',
  'tokens.revoke': 'Revoke',
  'tokens.revoked': 'The token “{name}” is revoked: it no longer works.',
};
export default tokensEn;
