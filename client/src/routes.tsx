import { Route } from '@solidjs/router';
import { lazy } from 'solid-js';
import HomePage from './features/home/home.page';

/**
 * French paths, as people read and share them. Home is in the first download; every other
 * page is its own chunk, fetched when visited.
 */
const SignUpPage = lazy(() => import('./features/accounts/sign-up.page'));
const SignInPage = lazy(() => import('./features/accounts/sign-in.page'));
const MailLinkPage = lazy(() => import('./features/accounts/mail-link.page'));
const ForgotPasswordPage = lazy(() => import('./features/accounts/forgot-password.page'));
const NewPasswordPage = lazy(() => import('./features/accounts/new-password.page'));
const ProfilePage = lazy(() => import('./features/accounts/profile.page'));
const DirectoryPage = lazy(() => import('./features/directory/directory.page'));
const SpacesPage = lazy(() => import('./features/spaces/spaces.page'));
const SpaceCreatePage = lazy(() => import('./features/spaces/space-create.page'));
const SpacePage = lazy(() => import('./features/spaces/space.page'));
const ThreadPage = lazy(() => import('./features/discussions/thread.page'));
const DocumentPage = lazy(() => import('./features/documents/document.page'));
const MySpacesPage = lazy(() => import('./features/spaces/my-spaces.page'));
const InvitationPage = lazy(() => import('./features/spaces/invitation.page'));
const WelcomePage = lazy(() => import('./features/onboarding/welcome.page'));
const MailboxPage = lazy(() => import('./features/dev/mailbox.page'));
const AgendaPage = lazy(() => import('./features/events/agenda.page'));
const EventPage = lazy(() => import('./features/events/event.page'));
const EventCreatePage = lazy(() => import('./features/events/event-create.page'));
const EventEditPage = lazy(() => import('./features/events/event-edit.page'));
const RegistrationCancelPage = lazy(() => import('./features/events/registration-cancel.page'));
const NotFoundPage = lazy(() => import('./features/errors/not-found.page'));

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
      <Route path="/annuaire" component={DirectoryPage} />
      <Route path="/espaces" component={SpacesPage} />
      <Route path="/espaces/nouveau" component={SpaceCreatePage} />
      <Route path="/espaces/:slug" component={SpacePage} />
      <Route path="/espaces/:slug/fils/:threadId" component={ThreadPage} />
      <Route path="/espaces/:slug/documents/:documentId" component={DocumentPage} />
      <Route path="/documents/:documentId" component={DocumentPage} />
      <Route path="/mes-espaces" component={MySpacesPage} />
      <Route path="/invitation" component={InvitationPage} />
      <Route path="/bienvenue" component={WelcomePage} />
      <Route path="/dev/boite-mail" component={MailboxPage} />
      <Route path="/agenda" component={AgendaPage} />
      <Route path="/evenements/nouveau" component={EventCreatePage} />
      <Route path="/evenements/:id" component={EventPage} />
      <Route path="/evenements/:id/modifier" component={EventEditPage} />
      <Route path="/inscriptions/annuler" component={RegistrationCancelPage} />
      <Route path="*404" component={NotFoundPage} />
    </>
  );
}
