import type { ErrorCode } from '@atelier/contract';

/** A key per error code of the contract, plus the client's own failures. */
export type ErrorKey = `error.${ErrorCode | 'network_error' | 'unexpected_response' | 'generic'}`;

/**
 * The message for every error code the server, a socket ack or a collab close may carry, in
 * words a person can act on. Typed on the contract's list, so a new code does not compile
 * until it has its message here (and in English).
 */
export const errorsFr = {
  // The client's own failures.
  'error.network_error': 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
  'error.unexpected_response': 'Le serveur a donné une réponse inattendue. Réessayez plus tard.',
  'error.generic': 'Une erreur est survenue. Réessayez.',

  // Requests.
  'error.invalid_input': 'Certaines informations ne sont pas valides. Corrigez les champs signalés.',
  'error.malformed_json': 'La demande envoyée est illisible. Rechargez la page puis réessayez.',
  'error.unsupported_media_type': "Ce type de contenu n'est pas accepté.",
  'error.payload_too_large': 'Le contenu envoyé est trop volumineux.',
  'error.not_found': 'Introuvable.',
  'error.conflict':
    "Ces informations ont changé entre-temps, peut-être par quelqu'un d'autre. Rechargez la page puis réessayez.",
  'error.token_invalid': 'Ce jeton d’accès est inconnu ou a été révoqué.',
  'error.token_scope': 'Ce jeton d’accès ne permet que la lecture.',
  'error.token_not_allowed': 'Un jeton d’accès ne peut pas agir sur le compte lui-même : connectez-vous.',
  'error.webhook_url_forbidden':
    'Cette adresse n’est pas acceptée : utilisez une adresse https publique, sans identifiants.',
  'error.recipient_unavailable': 'Cette personne ne reçoit pas de messages de votre part.',
  'error.rate_limited': 'Trop de tentatives. Patientez une minute avant de réessayer.',
  'error.internal_error': 'Une erreur est survenue de notre côté. Réessayez dans un instant.',
  'error.unavailable': 'Le service est momentanément indisponible. Réessayez dans un instant.',
  'error.protocol_mismatch': 'Une nouvelle version de l’Atelier est en ligne : rechargez la page.',

  // Accounts and access.
  'error.unauthenticated': 'Vous devez vous connecter pour continuer.',
  'error.invalid_credentials': 'Adresse ou mot de passe incorrect.',
  'error.invalid_token': 'Ce lien a expiré ou a déjà servi.',
  'error.forbidden': "Vous n'avez pas accès à cette action.",
  'error.csrf_failed': 'Votre session a expiré. Rechargez la page puis réessayez.',
  'error.origin_forbidden': 'Cette demande a été refusée par sécurité. Rechargez la page puis réessayez.',
  'error.email_taken':
    "Un compte existe déjà avec cette adresse. Connectez-vous, ou demandez un nouveau mot de passe si vous l'avez oublié.",
  'error.oidc_unavailable':
    'La connexion par ce service est indisponible pour le moment. Réessayez plus tard, ou connectez-vous avec votre adresse.',
  'error.oidc_failed': "La connexion n'a pas pu être vérifiée. Recommencez depuis cette page.",
  'error.oidc_expired': 'La connexion a expiré ou a déjà servi. Recommencez depuis cette page.',
  'error.oidc_denied': 'La connexion a été annulée. Vous pouvez recommencer, ou vous connecter avec votre adresse.',
  'error.oidc_email_missing':
    "Le service de connexion n'a pas transmis votre adresse électronique : impossible de créer votre compte.",
  'error.oidc_email_unverified':
    "Un compte existe déjà avec cette adresse, mais le service de connexion ne l'a pas vérifiée : nous ne pouvons pas les relier. Connectez-vous avec votre mot de passe ou un lien par courriel.",

  // Spaces.
  'error.already_member': 'Vous faites déjà partie de cet espace.',
  'error.not_member': 'Vous ne faites pas partie de cet espace (ou plus).',
  'error.last_animateur': "Cet espace doit garder au moins un·e animateur·ice : nommez-en d'abord un·e autre.",
  'error.space_archived': "Cet espace est archivé : il n'accueille plus de nouveaux membres.",

  // Discussions and resources.
  'error.thread_locked': 'Ce fil est verrouillé : on ne peut plus y répondre.',
  'error.post_empty': 'Le message est vide : écrivez quelques mots.',
  'error.post_too_large': 'Le message est trop long. Raccourcissez-le ou découpez-le en plusieurs messages.',
  'error.file_too_large': 'Ce fichier est trop volumineux.',
  'error.file_type_forbidden':
    'Ce type de fichier n’est pas accepté. Déposez un PDF, un document bureautique (Word, Excel, PowerPoint, OpenDocument) ou une image (PNG, JPEG, WebP, GIF).',
  'error.image_unreadable':
    'Cette image n’a pas pu être lue : le fichier semble abîmé, ou l’image est démesurée. Essayez avec une autre image.',

  // Events and questions.
  'error.event_invalid_dates': 'La fin doit venir après le début (72 heures au plus).',
  'error.unknown_timezone': "Ce fuseau horaire n'est pas reconnu. Choisissez-en un dans la liste.",
  'error.capacity_below_registrations':
    'Plus de personnes sont déjà inscrites que ce nombre de places. Augmentez-le, ou laissez-le tel quel.',
  'error.registration_closed': 'Les inscriptions à cet événement sont closes.',
  'error.event_cancelled': 'Cet événement a été annulé.',
  'error.already_registered': 'Vous êtes déjà inscrit·e à cet événement.',
  'error.guests_not_allowed': 'Cet événement demande un compte pour s’inscrire.',
  'error.parent_registration_required': 'Inscrivez-vous d’abord à l’événement, puis choisissez vos sessions.',
  'error.session_overlap':
    'Vous avez déjà choisi une session à cette heure-là : quittez-la d’abord pour prendre celle-ci.',
  'error.not_registered': 'Inscrivez-vous à cette séance pour poser une question ou en soutenir une.',
  'error.questions_closed': 'Les questions de cette séance sont closes.',
  'error.own_question': 'Vous ne pouvez pas voter pour votre propre question.',
  'error.event_not_started': 'La présence se note une fois l’événement commencé.',
  'error.comment_resolved': 'Ce fil de commentaires est résolu : rouvrez-le pour répondre.',
  'error.comment_has_replies': 'Ce commentaire a des réponses : il ne peut plus être supprimé.',
} as const satisfies Record<ErrorKey, string>;
