/**
 * The home page.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const homeFr = {
  'forYou.title': 'Pour vous',
  'forYou.heading': 'Pour vous, {name}',
  'forYou.lead':
    'Ce qui vous attend dans vos espaces et votre agenda. Rien n’est marqué comme lu tant que vous ne l’ouvrez pas.',
  'forYou.threads': 'À lire dans vos espaces',
  'forYou.threads.empty': 'Vous êtes à jour : rien de nouveau dans vos espaces.',
  'forYou.unread.one': '{count} non lu',
  'forYou.unread.other': '{count} non lus',
  'forYou.events': 'Vos prochains rendez-vous',
  'forYou.events.empty': 'Aucune inscription à venir. Le programme est dans l’agenda.',
  'forYou.seat': 'Inscrit·e',
  'forYou.waitlist': 'Liste d’attente n°{position}',
  'forYou.cancelled': 'Annulé',
  'forYou.documents': 'Documents modifiés',
  'forYou.documents.empty': 'Personne n’a modifié de document de vos espaces dernièrement.',
  'forYou.editedBy': 'Modifié par {name}, le {date}',
  'forYou.refresh': 'Actualiser',
  'forYou.asOf': 'État à {time} : « Actualiser » le relit.',
  'forYou.agenda': 'Voir l’agenda',
  'forYou.spaces': 'Tous les espaces',
  'forYou.allies': 'Les allié·es',
  'forYou.map': 'La carte des territoires',
  'forYou.commons': 'Les ressources communes',
  'home.title': 'Accueil',
  'home.heading': "Bienvenue dans l'Atelier des transitions",
  'home.lead':
    "L'Atelier réunit l'alliance de la Fabrique des transitions : plus de 500 organisations et 1 000 personnes — élu·es, agent·es de collectivités, associations, bureaux d'études, chercheur·euses — qui orientent leurs territoires vers la transition écologique et partagent ce qu'ils et elles apprennent.",
  'home.how.heading': 'Comment on travaille ensemble',
  'home.allies.text': 'L’alliance, ce sont plus de 500 organisations engagées pour les transitions des territoires.',
  'home.allies.link': 'Voir les allié·es',
  'home.map.link': 'Voir la carte des territoires accompagnés',
  'home.commons.link': 'Voir les ressources communes',
  'home.how.chantiers.title': 'Les chantiers',
  'home.how.chantiers':
    'Pour produire collectivement des outils, des dispositifs ou des ressources au service des territoires en transition.',
  'home.how.communautes.title': 'Les communautés apprenantes',
  'home.how.communautes': 'Pour partager des expériences et tirer des enseignements communs.',
  'home.how.cohortes.title': 'Les cohortes',
  'home.how.cohortes':
    'Pour accompagner ensemble des territoires et leurs « 4 Fantastiques » : élu·es, agent·es, État territorial et acteur·ices socio-économiques.',
  'home.how.permanence.title': 'La permanence',
  'home.how.permanence':
    'Tous les premiers mardis du mois en visioconférence, pour poser vos questions et faire des propositions.',
  'home.cta.heading': "Rejoindre l'alliance",
  'home.cta.text': 'Un compte suffit pour participer aux espaces, aux discussions et à la permanence.',
  'home.cta.signUp': 'Créer mon compte',
  'home.cta.signIn': 'Me connecter',
} as const;
