/**
 * Personal data: the privacy page (`/confidentialite`), the profile's « Mes données » and the
 * admins' audit log (`/admin/journal`).
 *
 * French, the source of truth; `{name}` placeholders are filled by `t()`. What the privacy
 * page says about durations must match the server's retention (plugins/retention.ts,
 * features/privacy/).
 */
export const privacyFr = {
  'privacy.title': 'Vos données et la confidentialité',
  'privacy.lead':
    'L’Atelier des transitions est la plateforme de l’alliance animée par La Fabrique des transitions. Cette page dit ce que nous gardons sur vous, pourquoi, pour combien de temps, et ce que vous pouvez en faire.',
  'privacy.kept.heading': 'Ce que nous gardons, et pourquoi',
  'privacy.kept.account':
    'Votre compte : adresse de courriel, nom affiché, mot de passe chiffré (jamais lisible), langue, et ce que vous choisissez d’indiquer (organisation, territoire, thèmes, présentation, photo). Pour vous connecter et pour que les membres sachent qui parle.',
  'privacy.kept.content':
    'Ce que vous écrivez et partagez : messages et leurs versions précédentes, réactions, documents, fichiers, liens, questions et votes aux permanences. Pour faire vivre les espaces ; c’est gardé tant que vous ou les animateur·ices ne le supprimez pas.',
  'privacy.kept.events':
    'Vos inscriptions aux événements et votre présence aux permanences : pour réserver votre place, vous rappeler l’événement et établir une attestation.',
  'privacy.kept.directory':
    'L’annuaire ne montre que les personnes qui l’ont choisi, et seulement aux membres connectés.',
  'privacy.durations.heading': 'Pour combien de temps',
  'privacy.durations.sessions':
    'Connexions : une session se ferme après 14 jours sans visite et au plus tard après 60 jours, puis elle est effacée.',
  'privacy.durations.links':
    'Liens de connexion et de nouveau mot de passe envoyés par courriel : effacés dès qu’ils ont servi ou expiré (15 minutes ou une heure).',
  'privacy.durations.mail':
    'Courriels envoyés : leur copie est effacée après 30 jours (90 jours pour ceux qui n’ont pas pu être remis, le temps de comprendre pourquoi).',
  'privacy.durations.live':
    'Événements en direct (nouveaux messages, places libérées) : gardés 3 jours pour qu’une page reconnectée rattrape ce qu’elle a manqué.',
  'privacy.durations.exports': 'Copies de vos données : effacées 48 heures après leur préparation.',
  'privacy.durations.audit':
    'Le journal d’administration garde qui a changé un rôle, retiré un membre, pris une décision de modération, exporté ou effacé un compte. Il n’est jamais modifié et seul·es les administrateur·ices le lisent.',
  'privacy.readers.heading': 'Qui peut lire vos messages',
  'privacy.readers.public': 'Dans un espace public : tout le monde, même sans compte.',
  'privacy.readers.members':
    'Dans un espace réservé aux membres ou privé : ses membres et les administrateur·ices de la plateforme.',
  'privacy.readers.direct':
    'Messages privés (rubrique « Messages ») : seules les personnes de la conversation les lisent. Les administrateur·ices de la plateforme ne les voient pas. Si vous signalez un message, ce message seul est montré aux administrateur·ices pour qu’ils en décident ; les courriels qui vous préviennent ne recopient pas les messages. Comme toute donnée, ils sont conservés dans la base de l’Atelier, dont l’hébergeur assure la garde.',
  'privacy.readers.mailbox':
    'Les courriels partent par le serveur de courrier de l’alliance. Sur une installation de développement, ils ne partent pas : ils restent dans une boîte de test visible des développeur·ses.',
  'privacy.rights.heading': 'Vos droits',
  'privacy.rights.export':
    'Télécharger vos données : depuis votre profil, section « Mes données ». Un fichier ZIP est préparé et un lien vous est envoyé par courriel ; il fonctionne 48 heures.',
  'privacy.rights.erase':
    'Supprimer votre compte : depuis votre profil. Votre compte, vos inscriptions, connexions et abonnements sont effacés ; vos messages restent signés « ancien·ne membre », ou sont supprimés si vous le demandez. Seul le journal d’administration garde votre nom, avec la date de la suppression.',
  'privacy.rights.profile': 'Aller à mon profil',
  'privacy.rights.contact':
    'Pour toute question, ou pour exercer vos autres droits (rectification, opposition), écrivez à La Fabrique des transitions.',

  'myData.heading': 'Mes données',
  'myData.lead': 'Une copie de tout ce que l’Atelier garde sur vous, ou la suppression de votre compte.',
  'myData.privacyLink': 'Ce que nous gardons et pourquoi',
  'myData.export': 'Télécharger mes données',
  'myData.exporting': 'Demande en cours…',
  'myData.exportRequested':
    'C’est demandé. Vous allez recevoir un courriel avec un lien pour télécharger vos données ; il fonctionnera 48 heures.',
  'myData.erase': 'Supprimer mon compte',
  'myData.erase.title': 'Supprimer votre compte ?',
  'myData.erase.description':
    'Votre compte, vos inscriptions aux événements, vos connexions et vos abonnements seront effacés. Cette action est définitive. Vos messages resteront signés « ancien·ne membre », sauf si vous cochez la case ci-dessous.',
  'myData.erase.confirmLabel': 'Pour confirmer, tapez SUPPRIMER',
  'myData.erase.confirmError': 'Tapez SUPPRIMER en majuscules pour confirmer.',
  'myData.erase.deletePosts': 'Supprimer aussi mes messages',
  'myData.erase.confirm': 'Supprimer définitivement',
  'myData.erase.busy': 'Suppression…',
  'myData.erased': 'Votre compte est supprimé. Merci d’avoir participé à l’Atelier des transitions.',

  'audit.title': 'Journal d’administration',
  'audit.lead': 'Qui a fait quoi, à qui et quand : rôles, retraits, modération, exports et suppressions de comptes.',
  'audit.caption': 'Les actions, les plus récentes d’abord',
  'audit.when': 'Date',
  'audit.who': 'Par',
  'audit.what': 'Action',
  'audit.whom': 'Concerne',
  'audit.details': 'Détails',
  'audit.more': 'Voir plus',
  'audit.loadingMore': 'Chargement…',
  'audit.empty': 'Aucune action enregistrée pour l’instant.',
  'audit.error': 'Le journal n’a pas pu être chargé. Vérifiez votre connexion puis réessayez.',
  'audit.forbidden': 'Ce journal est réservé aux administrateur·ices.',
  'audit.action.role_change': 'Changement de rôle',
  'audit.action.member_removal': 'Retrait d’un membre',
  'audit.action.export': 'Export de données',
  'audit.action.erasure': 'Suppression de compte',
  'audit.action.moderation': 'Décision de modération',
  'audit.action.moderation_keep': 'Modération : contenu gardé',
  'audit.action.moderation_hide': 'Modération : contenu masqué',
  'audit.action.moderation_delete': 'Modération : contenu supprimé',
  'audit.role': '{from} → {to}',
  'audit.role.membre': 'membre',
  'audit.role.animateur': 'animateur·ice',
  'audit.space': 'Espace « {space} »',
  'audit.deletePosts': 'Messages supprimés',
  'audit.keptPosts': 'Messages conservés',
};
