import { Route } from '@solidjs/router';
import { lazy } from 'solid-js';
import HomePage from './features/home/home.page';
import { withMessages } from './lib/i18n';

/**
 * French paths, as people read and share them. Home is in the first download; every other
 * page is its own chunk, fetched when visited with its feature's texts (and their English, for
 * an English reader, before the page shows).
 */
const SignUpPage = lazy(() => import('./features/accounts/sign-up.page').then(withMessages));
const SignInPage = lazy(() => import('./features/accounts/sign-in.page').then(withMessages));
const MailLinkPage = lazy(() => import('./features/accounts/mail-link.page').then(withMessages));
const ForgotPasswordPage = lazy(() => import('./features/accounts/forgot-password.page').then(withMessages));
const NewPasswordPage = lazy(() => import('./features/accounts/new-password.page').then(withMessages));
const ProfilePage = lazy(() => import('./features/accounts/profile.page').then(withMessages));
const MailSettingsPage = lazy(() => import('./features/mail/mail-settings.page').then(withMessages));
const UnsubscribePage = lazy(() => import('./features/mail/unsubscribe.page').then(withMessages));
const DirectoryPage = lazy(() => import('./features/directory/directory.page').then(withMessages));
const OrganisationsPage = lazy(() => import('./features/organisations/organisations.page').then(withMessages));
const OrganisationPage = lazy(() => import('./features/organisations/organisation.page').then(withMessages));
const MapPage = lazy(() => import('./features/territories/map.page').then(withMessages));
const CataloguePage = lazy(() => import('./features/publications/catalogue.page').then(withMessages));
const PublicationPage = lazy(() => import('./features/publications/publication.page').then(withMessages));
const SearchPage = lazy(() => import('./features/search/search.page').then(withMessages));
const SpacesPage = lazy(() => import('./features/spaces/spaces.page').then(withMessages));
const SpaceCreatePage = lazy(() => import('./features/spaces/space-create.page').then(withMessages));
const SpacePage = lazy(() => import('./features/spaces/space.page').then(withMessages));
const ThreadPage = lazy(() => import('./features/discussions/thread.page').then(withMessages));
const DocumentPage = lazy(() => import('./features/documents/document.page').then(withMessages));
const MySpacesPage = lazy(() => import('./features/spaces/my-spaces.page').then(withMessages));
const InvitationPage = lazy(() => import('./features/spaces/invitation.page').then(withMessages));
const WelcomePage = lazy(() => import('./features/onboarding/welcome.page').then(withMessages));
const CharterStepPage = lazy(() => import('./features/oidc/charter-step.page').then(withMessages));
const MailboxPage = lazy(() => import('./features/dev/mailbox.page').then(withMessages));
const AgendaPage = lazy(() => import('./features/events/agenda.page').then(withMessages));
const EventPage = lazy(() => import('./features/events/event.page').then(withMessages));
const EventCreatePage = lazy(() => import('./features/events/event-create.page').then(withMessages));
const EventEditPage = lazy(() => import('./features/events/event-edit.page').then(withMessages));
const RegistrationCancelPage = lazy(() => import('./features/events/registration-cancel.page').then(withMessages));
const GuestConfirmPage = lazy(() => import('./features/events/guest-confirm.page').then(withMessages));
const NewsletterPage = lazy(() => import('./features/newsletters/newsletter.page').then(withMessages));
const NewsletterComposePage = lazy(() => import('./features/newsletters/newsletter-compose.page').then(withMessages));
const MessagesPage = lazy(() => import('./features/messages/messages.page').then(withMessages));
const ConversationPage = lazy(() => import('./features/messages/conversation.page').then(withMessages));
const PrivacyPage = lazy(() => import('./features/privacy/privacy.page').then(withMessages));
const AuditPage = lazy(() => import('./features/privacy/audit.page').then(withMessages));
const AdminModerationPage = lazy(() => import('./features/moderation/admin-moderation.page').then(withMessages));
const NotFoundPage = lazy(() => import('./features/errors/not-found.page').then(withMessages));

export function AppRoutes() {
  return (
    <>
      <Route path="/" component={HomePage} />
      <Route path="/inscription" component={SignUpPage} />
      <Route path="/connexion" component={SignInPage} />
      <Route path="/connexion/lien" component={MailLinkPage} />
      <Route path="/mot-de-passe-oublie" component={ForgotPasswordPage} />
      <Route path="/mot-de-passe/nouveau" component={NewPasswordPage} />
      <Route path="/profil" component={ProfilePage} />
      <Route path="/profil/courriels" component={MailSettingsPage} />
      <Route path="/desabonnement/:token" component={UnsubscribePage} />
      <Route path="/annuaire" component={DirectoryPage} />
      <Route path="/messages" component={MessagesPage} />
      <Route path="/messages/nouveau" component={MessagesPage} />
      <Route path="/messages/:id" component={ConversationPage} />
      <Route path="/allie-es" component={OrganisationsPage} />
      <Route path="/allie-es/:slug" component={OrganisationPage} />
      <Route path="/carte" component={MapPage} />
      <Route path="/ressources" component={CataloguePage} />
      <Route path="/ressources/:id" component={PublicationPage} />
      <Route path="/recherche" component={SearchPage} />
      <Route path="/espaces" component={SpacesPage} />
      <Route path="/espaces/nouveau" component={SpaceCreatePage} />
      <Route path="/espaces/:slug" component={SpacePage} />
      <Route path="/espaces/:slug/fils/:threadId" component={ThreadPage} />
      <Route path="/espaces/:slug/documents/:documentId" component={DocumentPage} />
      <Route path="/espaces/:slug/infolettres/nouvelle" component={NewsletterComposePage} />
      <Route path="/espaces/:slug/infolettres/:id" component={NewsletterPage} />
      <Route path="/espaces/:slug/infolettres/:id/modifier" component={NewsletterComposePage} />
      <Route path="/documents/:documentId" component={DocumentPage} />
      <Route path="/mes-espaces" component={MySpacesPage} />
      <Route path="/invitation" component={InvitationPage} />
      <Route path="/bienvenue" component={WelcomePage} />
      <Route path="/charte" component={CharterStepPage} />
      <Route path="/dev/boite-mail" component={MailboxPage} />
      <Route path="/agenda" component={AgendaPage} />
      <Route path="/evenements/nouveau" component={EventCreatePage} />
      <Route path="/evenements/:id" component={EventPage} />
      <Route path="/evenements/:id/modifier" component={EventEditPage} />
      <Route path="/inscriptions/annuler" component={RegistrationCancelPage} />
      <Route path="/inscriptions/confirmer" component={GuestConfirmPage} />
      <Route path="/confidentialite" component={PrivacyPage} />
      <Route path="/admin/journal" component={AuditPage} />
      <Route path="/admin/moderation" component={AdminModerationPage} />
      <Route path="*404" component={NotFoundPage} />
    </>
  );
}
