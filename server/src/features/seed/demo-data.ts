import type { FantasticRole, Licence, OrganisationKind, PublicationKind, ReactionEmoji } from '@atelier/contract';

/**
 * The living demo (`SEED=demo`, development only): fictitious people of fictitious
 * organisations, living in the alliance's real spaces. Every name here is invented; every
 * address ends in `@demo.example`, a domain that cannot exist. The spaces are named by the
 * slugs `alliance-data.ts` gives them.
 *
 * Times are relative to the moment the seed runs (`daysAgo`, fractions for hours), so the
 * demo always looks recent.
 */

export const DEMO_EMAIL_DOMAIN = 'demo.example';

export interface DemoPerson {
  key: string;
  displayName: string;
  organisation: string;
  organisationKind: OrganisationKind;
  territory: string;
  fantasticRole: FantasticRole;
  themes: string[];
  bio: string;
  admin?: boolean;
}

export const demoEmail = (person: Pick<DemoPerson, 'key'>) => `${person.key}@${DEMO_EMAIL_DOMAIN}`;

const FICTIONAL = 'Personne fictive de la démonstration.';

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: 'camille.roux',
    displayName: 'Camille Roux',
    organisation: "Communauté de communes du Val-d'Exemple",
    organisationKind: 'collectivite',
    territory: "Val-d'Exemple",
    fantasticRole: 'agent',
    themes: ['mise en récits', 'alimentation'],
    bio: `${FICTIONAL} Chargée de mission transition, elle co-anime la communauté Mise en récits.`,
  },
  {
    key: 'malik.benali',
    displayName: 'Malik Benali',
    organisation: 'Ville de Bourg-Témoin',
    organisationKind: 'collectivite',
    territory: "Val-d'Exemple",
    fantasticRole: 'elu',
    themes: ['mobilités', 'coopération'],
    bio: `${FICTIONAL} Adjoint à la transition écologique de Bourg-Témoin.`,
  },
  {
    key: 'helene.carpentier',
    displayName: 'Hélène Carpentier',
    organisation: 'Sous-préfecture de Département-Modèle',
    organisationKind: 'collectivite',
    territory: 'Département-Modèle',
    fantasticRole: 'etat',
    themes: ['ingénierie territoriale'],
    bio: `${FICTIONAL} Référente transition écologique pour l'État dans le département.`,
  },
  {
    key: 'jules.lefebvre',
    displayName: 'Jules Lefebvre',
    organisation: 'Coopérative Énergie citoyenne du Val',
    organisationKind: 'entreprise',
    territory: "Val-d'Exemple",
    fantasticRole: 'acteur',
    themes: ['énergies renouvelables', 'ESS'],
    bio: `${FICTIONAL} Gérant d'une coopérative qui porte des centrales solaires citoyennes.`,
  },
  {
    key: 'sophie.nguyen',
    displayName: 'Sophie Nguyen',
    organisation: 'Atelier Trajectoires communes',
    organisationKind: 'bureau_etudes',
    territory: 'Lyon',
    fantasticRole: 'acteur',
    themes: ['systémie', 'représentations visuelles'],
    bio: `${FICTIONAL} Consultante, elle anime le chantier Représentations systémiques.`,
  },
  {
    key: 'thomas.girard',
    displayName: 'Thomas Girard',
    organisation: 'Laboratoire Territoires et sociétés',
    organisationKind: 'recherche',
    territory: 'Toulouse',
    fantasticRole: 'acteur',
    themes: ['trajectoires', 'évaluation'],
    bio: `${FICTIONAL} Chercheur, il anime le chantier Trajectoires de transformation.`,
  },
  {
    key: 'aicha.diallo',
    displayName: 'Aïcha Diallo',
    organisation: 'Réseau des villes en chemin',
    organisationKind: 'reseau',
    territory: 'Nantes',
    fantasticRole: 'acteur',
    themes: ['éducation populaire', 'voyages apprenants'],
    bio: `${FICTIONAL} Coordinatrice d'un réseau de villes, elle anime deux chantiers.`,
  },
  {
    key: 'lea.martin',
    displayName: 'Léa Martin',
    organisation: 'Association Les Récits du bocage',
    organisationKind: 'societe_civile',
    territory: 'Bocage-Modèle',
    fantasticRole: 'acteur',
    themes: ['mise en récits', 'culture'],
    bio: `${FICTIONAL} Elle collecte les récits des habitant·es et co-anime Mise en récits.`,
  },
  {
    key: 'pierre.dubois',
    displayName: 'Pierre Dubois',
    organisation: 'Revue Horizons locaux',
    organisationKind: 'media',
    territory: 'Lille',
    fantasticRole: 'acteur',
    themes: ['journalisme de solutions'],
    bio: `${FICTIONAL} Journaliste, il raconte les transitions des territoires.`,
  },
  {
    key: 'nadia.haddad',
    displayName: 'Nadia Haddad',
    organisation: 'Métropole-Exemple',
    organisationKind: 'collectivite',
    territory: 'Métropole-Exemple',
    fantasticRole: 'agent',
    themes: ['approche narrative', 'adaptation'],
    bio: `${FICTIONAL} Directrice de projet, elle anime la communauté Territoires narratifs.`,
  },
  {
    key: 'yann.le-gall',
    displayName: 'Yann Le Gall',
    organisation: 'PETR du Pays-Modèle',
    organisationKind: 'collectivite',
    territory: 'Pays-Modèle',
    fantasticRole: 'elu',
    themes: ['montagne', 'adaptation'],
    bio: `${FICTIONAL} Président du PETR, il anime la cohorte Avenir Montagnes Ingénierie.`,
  },
  {
    key: 'morgane.lambert',
    displayName: 'Morgane Lambert',
    organisation: 'La Fabrique des transitions (démo)',
    organisationKind: 'societe_civile',
    territory: 'France',
    fantasticRole: 'acteur',
    themes: ['la permanence', 'cohortes'],
    bio: `${FICTIONAL} Elle tient la permanence et accompagne les cohortes. Administratrice de la démonstration.`,
    admin: true,
  },
];

/** Who is where: animateur·ices first, then members. Every space has at least one animateur·ice. */
export const DEMO_MEMBERSHIPS: Record<string, { animateurs: string[]; members: string[] }> = {
  'representations-systemiques': {
    animateurs: ['sophie.nguyen'],
    members: ['camille.roux', 'jules.lefebvre', 'thomas.girard', 'helene.carpentier', 'malik.benali'],
  },
  'trajectoires-de-transformation': {
    animateurs: ['thomas.girard'],
    members: ['camille.roux', 'yann.le-gall', 'nadia.haddad', 'aicha.diallo'],
  },
  'voyages-apprenants': { animateurs: ['aicha.diallo'], members: ['malik.benali', 'lea.martin', 'jules.lefebvre'] },
  'education-populaire-et-transition-juste': {
    animateurs: ['aicha.diallo', 'lea.martin'],
    members: ['jules.lefebvre', 'pierre.dubois'],
  },
  'mise-en-recits': {
    animateurs: ['camille.roux', 'lea.martin'],
    members: ['pierre.dubois', 'malik.benali', 'sophie.nguyen', 'nadia.haddad', 'helene.carpentier', 'morgane.lambert'],
  },
  'territoires-narratifs': { animateurs: ['nadia.haddad'], members: ['malik.benali'] },
  'territoires-pilotes': {
    animateurs: ['morgane.lambert'],
    members: ['camille.roux', 'malik.benali', 'helene.carpentier', 'jules.lefebvre'],
  },
  'avenir-montagnes-ingenierie': { animateurs: ['yann.le-gall'], members: ['helene.carpentier'] },
  'cohorte-regionale-occitanie': { animateurs: ['morgane.lambert'], members: ['thomas.girard'] },
  'cohorte-regionale-grand-est': { animateurs: ['sophie.nguyen'], members: ['pierre.dubois'] },
  'territoires-adaptes-au-climat-de-demain': {
    animateurs: ['morgane.lambert'],
    members: ['yann.le-gall', 'helene.carpentier', 'nadia.haddad'],
  },
};

export interface DemoPost {
  author: string;
  daysAgo: number;
  /** HTML as the composer writes it; `@Name` mentions a member of the space. */
  body: string;
  /** Index of the post it answers, in the same thread. */
  replyTo?: number;
  reactions?: Partial<Record<ReactionEmoji, string[]>>;
}

export interface DemoThread {
  space: string;
  title: string;
  pinned?: boolean;
  posts: DemoPost[];
}

export const DEMO_THREADS: DemoThread[] = [
  {
    space: 'mise-en-recits',
    title: 'Bienvenue ! Présentez-vous et dites-nous quel récit vous porte',
    pinned: true,
    posts: [
      {
        author: 'camille.roux',
        daysAgo: 20,
        body: "<p>Bonjour à toutes et à tous ! Cette communauté analyse ensemble des initiatives territoriales de mise en récits. Pour commencer, présentez-vous en quelques lignes : d'où venez-vous, et quel récit de la transition aimeriez-vous voir raconté sur votre territoire ?</p>",
        reactions: { '👍': ['lea.martin', 'pierre.dubois', 'nadia.haddad'], '🎉': ['malik.benali'] },
      },
      {
        author: 'lea.martin',
        daysAgo: 19.8,
        body: "<p>Léa, des Récits du bocage. Nous collectons depuis deux ans les souvenirs des habitant·es sur les haies et les chemins creux. J'aimerais qu'on raconte la transition comme une <strong>réparation</strong>, pas comme une contrainte.</p>",
        replyTo: 0,
        reactions: { '❤️': ['camille.roux', 'nadia.haddad'] },
      },
      {
        author: 'malik.benali',
        daysAgo: 18,
        body: '<p>Malik, adjoint à Bourg-Témoin. Notre difficulté : nos projets sont techniques (chaufferie bois, pistes cyclables) et personne ne les relie entre eux. Je cherche comment en faire <em>une</em> histoire que les habitant·es reconnaissent.</p>',
        replyTo: 0,
        reactions: { '💡': ['camille.roux'], '👍': ['lea.martin'] },
      },
      {
        author: 'pierre.dubois',
        daysAgo: 3,
        body: "<p>Pierre, de la revue Horizons locaux. @Malik Benali, votre question rejoint la dimension « Mettre en trajectoire » : relier les projets à un cap partagé. Je peux vous envoyer deux reportages sur des communes qui l'ont fait.</p>",
        replyTo: 2,
        reactions: { '🙏': ['malik.benali'] },
      },
      {
        author: 'nadia.haddad',
        daysAgo: 0.2,
        body: '<p>Nadia, Métropole-Exemple. Nous avons testé une « fresque des récits » avec les agents de la direction climat. @Camille Roux, je peux la présenter à la prochaine séance si cela vous intéresse ?</p>',
        reactions: { '👀': ['lea.martin'] },
      },
    ],
  },
  {
    space: 'mise-en-recits',
    title: 'Séance de janvier : quelles initiatives analyser ?',
    posts: [
      {
        author: 'lea.martin',
        daysAgo: 6,
        body: "<p>Pour la séance de janvier, je propose d'analyser trois initiatives avec notre grille (les cinq dimensions) :</p><ul><li><p>le journal de quartier écrit par les habitant·es de Bocage-Modèle ;</p></li><li><p>la « carte sensible » de Métropole-Exemple ;</p></li><li><p>le podcast des élu·es ruraux.</p></li></ul><p>D'autres idées ?</p>",
        reactions: { '👍': ['camille.roux', 'sophie.nguyen'] },
      },
      {
        author: 'sophie.nguyen',
        daysAgo: 5,
        body: "<p>La carte sensible m'intéresse beaucoup : elle touche aussi aux représentations systémiques. On pourrait croiser avec le travail du chantier.</p>",
        replyTo: 0,
      },
      {
        author: 'helene.carpentier',
        daysAgo: 1.5,
        body: "<p>Côté État, nous cherchons des exemples de « communiquer sincèrement » sur ce qui n'a pas marché. Un retour d'expérience sur un échec serait précieux.</p>",
        reactions: { '💡': ['lea.martin', 'pierre.dubois'] },
      },
      {
        author: 'pierre.dubois',
        daysAgo: 0.1,
        body: "<p>Bonne idée, Hélène. J'ai un reportage sur une zone d'activités qui a renoncé à s'étendre : le récit du renoncement a été aussi important que le projet.</p>",
        replyTo: 2,
      },
    ],
  },
  {
    space: 'representations-systemiques',
    title: 'Carte des interdépendances : vos retours sur la version 2',
    pinned: true,
    posts: [
      {
        author: 'sophie.nguyen',
        daysAgo: 9,
        body: '<p>La version 2 de la carte « alimentation et foncier » est dans le document partagé. Trois questions : les boucles de rétroaction sont-elles lisibles ? Manque-t-il un acteur ? La légende suffit-elle à un élu·e qui découvre ?</p>',
        reactions: { '👀': ['thomas.girard', 'camille.roux'] },
      },
      {
        author: 'thomas.girard',
        daysAgo: 8,
        body: '<p>La boucle « prix du foncier → installation agricole » est claire. Il manque peut-être les SAFER et les propriétaires fonciers privés.</p>',
        replyTo: 0,
        reactions: { '👍': ['sophie.nguyen'] },
      },
      {
        author: 'jules.lefebvre',
        daysAgo: 2,
        body: "<p>Vu d'une coopérative : les projets d'énergie sur terres agricoles (agrivoltaïsme) manquent sur la carte, alors qu'ils pèsent sur le foncier.</p>",
        reactions: { '💡': ['sophie.nguyen', 'helene.carpentier'] },
      },
      {
        author: 'sophie.nguyen',
        daysAgo: 0.3,
        body: "<p>Merci @Jules Lefebvre, je l'ajoute. @Camille Roux, pourrais-tu tester la légende avec tes élu·es du Val-d'Exemple ?</p>",
        replyTo: 2,
      },
    ],
  },
  {
    space: 'representations-systemiques',
    title: 'Atelier du 14 : ordre du jour',
    posts: [
      {
        author: 'sophie.nguyen',
        daysAgo: 4,
        body: '<p>Ordre du jour proposé pour notre atelier en visio :</p><ol><li><p>tour de table (10 min) ;</p></li><li><p>lecture croisée de la carte (40 min) ;</p></li><li><p>prochaines étapes avec Futuribles (10 min).</p></li></ol>',
      },
      {
        author: 'malik.benali',
        daysAgo: 0.5,
        body: '<p>Je serai là. Je viendrai avec une question concrète : comment présenter la carte en conseil municipal sans perdre la salle ?</p>',
        reactions: { '👍': ['sophie.nguyen'] },
      },
    ],
  },
  {
    space: 'trajectoires-de-transformation',
    title: 'Trois modèles de transformation : premières lectures',
    posts: [
      {
        author: 'thomas.girard',
        daysAgo: 12,
        body: "<p>J'ai déposé la note de travail sur les trois modèles (ruptures, transitions incrémentales, bifurcations). Lisez-la avec une question en tête : à quel modèle ressemble la trajectoire de votre territoire ?</p>",
      },
      {
        author: 'yann.le-gall',
        daysAgo: 10,
        body: "<p>Pour le Pays-Modèle, c'est clairement une bifurcation : la fin de la station de ski nous a obligés à tout repenser. Mais on l'a vécue comme une rupture subie.</p>",
        replyTo: 0,
        reactions: { '💡': ['thomas.girard', 'nadia.haddad'] },
      },
      {
        author: 'aicha.diallo',
        daysAgo: 1,
        body: "<p>Dans notre réseau, beaucoup de villes sont en transition incrémentale. La note pourrait dire comment passer d'un modèle à l'autre.</p>",
        reactions: { '👍': ['thomas.girard'] },
      },
    ],
  },
  {
    space: 'territoires-pilotes',
    title: "Val-d'Exemple : point d'étape de nos 4 Fantastiques",
    posts: [
      {
        author: 'morgane.lambert',
        daysAgo: 7,
        body: "<p>Bonjour l'équipe du Val-d'Exemple ! Avant la journée du tronc commun, pouvez-vous dire où vous en êtes ? Chacun·e depuis son rôle : élu, agente, État, acteur socio-économique.</p>",
      },
      {
        author: 'helene.carpentier',
        daysAgo: 6,
        body: '<p>Côté État : le dossier de financement de la chaufferie est instruit, réponse attendue en février.</p>',
        replyTo: 0,
      },
      {
        author: 'jules.lefebvre',
        daysAgo: 0.8,
        body: '<p>La coopérative a réuni 120 sociétaires. @Camille Roux, on peut caler la réunion publique de mars ?</p>',
        reactions: { '🎉': ['morgane.lambert', 'malik.benali'] },
      },
    ],
  },
];

export type DemoBlock = { heading: string } | { paragraph: string } | { list: string[] };

export interface DemoDocumentVersion {
  daysAgo: number;
  author: string;
  /** A named version (« Version validée en chantier »), or an automatic one. */
  name?: string;
  blocks: DemoBlock[];
  /** A named version published to the commons, as its space's animateur·ice would. */
  published?: { kind: PublicationKind; summary: string; themes: string[]; licence: Licence };
}

export interface DemoDocument {
  space: string;
  title: string;
  author: string;
  /** Oldest first; the last one is the current text. */
  versions: DemoDocumentVersion[];
}

const ANALYSIS_GRID: DemoBlock[] = [
  { heading: "Grille d'analyse d'une initiative de mise en récits" },
  { paragraph: 'Pour chaque initiative, on la lit à travers les cinq dimensions de la mise en récits.' },
  {
    list: [
      'Mettre en trajectoire : quel cap, quel chemin depuis le passé du territoire ?',
      'Communiquer sincèrement : dit-on aussi ce qui résiste ?',
      'Faire émerger des récits alternatifs : qui raconte, qui est absent ?',
    ],
  },
];

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    space: 'mise-en-recits',
    title: "Grille d'analyse des initiatives de mise en récits",
    author: 'lea.martin',
    versions: [
      { daysAgo: 30, author: 'lea.martin', blocks: ANALYSIS_GRID },
      {
        daysAgo: 14,
        author: 'camille.roux',
        name: 'Version validée en communauté',
        published: {
          kind: 'fiche',
          summary:
            'Une grille pour lire une initiative territoriale à travers les cinq dimensions de la mise en récits.',
          themes: ['Mettre en trajectoire', 'Communiquer sincèrement', 'Raconter la coopération', 'mise en récits'],
          licence: 'CC-BY-SA-4.0',
        },
        blocks: [
          ...ANALYSIS_GRID.slice(0, 2),
          {
            list: [
              'Mettre en trajectoire : quel cap, quel chemin depuis le passé du territoire ?',
              'Communiquer sincèrement : dit-on aussi ce qui résiste ?',
              'Faire émerger des récits alternatifs : qui raconte, qui est absent ?',
              'Raconter la coopération : qui a fait quoi avec qui ?',
              'Évaluer la valeur créée : quels effets, pour qui ?',
            ],
          },
        ],
      },
      {
        daysAgo: 1,
        author: 'nadia.haddad',
        blocks: [
          ...ANALYSIS_GRID.slice(0, 2),
          {
            list: [
              'Mettre en trajectoire : quel cap, quel chemin depuis le passé du territoire ?',
              'Communiquer sincèrement : dit-on aussi ce qui résiste, ce qui a échoué ?',
              'Faire émerger des récits alternatifs : qui raconte, qui est absent ?',
              'Raconter la coopération : qui a fait quoi avec qui ?',
              'Évaluer la valeur créée : quels effets, pour qui ?',
            ],
          },
          { heading: 'Exemple : la carte sensible de Métropole-Exemple' },
          {
            paragraph:
              "Des agent·es de la direction climat ont dessiné avec des habitant·es les lieux qui comptent pour eux. La carte sert de point de départ aux ateliers d'adaptation.",
          },
        ],
      },
    ],
  },
  {
    space: 'representations-systemiques',
    title: 'Carte des interdépendances — alimentation et foncier',
    author: 'sophie.nguyen',
    versions: [
      {
        daysAgo: 21,
        author: 'sophie.nguyen',
        blocks: [
          { heading: 'Carte des interdépendances : alimentation et foncier' },
          {
            paragraph:
              "Objectif : rendre visibles les boucles qui relient le prix du foncier, l'installation agricole et l'alimentation locale.",
          },
        ],
      },
      {
        daysAgo: 10,
        author: 'sophie.nguyen',
        name: 'Version 2 pour relecture',
        blocks: [
          { heading: 'Carte des interdépendances : alimentation et foncier' },
          {
            paragraph:
              "Objectif : rendre visibles les boucles qui relient le prix du foncier, l'installation agricole et l'alimentation locale.",
          },
          { heading: 'Boucles principales' },
          {
            list: [
              "Prix du foncier → difficulté d'installation → moins de production locale.",
              'Restauration collective → débouchés stables → installations facilitées.',
            ],
          },
        ],
      },
      {
        daysAgo: 0.4,
        author: 'thomas.girard',
        blocks: [
          { heading: 'Carte des interdépendances : alimentation et foncier' },
          {
            paragraph:
              "Objectif : rendre visibles les boucles qui relient le prix du foncier, l'installation agricole et l'alimentation locale.",
          },
          { heading: 'Boucles principales' },
          {
            list: [
              "Prix du foncier → difficulté d'installation → moins de production locale.",
              'Restauration collective → débouchés stables → installations facilitées.',
              "Projets d'énergie sur terres agricoles → pression sur le foncier.",
            ],
          },
          { heading: 'Acteurs à ajouter' },
          { paragraph: "SAFER, propriétaires fonciers privés, coopératives d'énergie." },
        ],
      },
    ],
  },
  {
    space: 'trajectoires-de-transformation',
    title: 'Trois modèles de transformation territoriale — note de travail',
    author: 'thomas.girard',
    versions: [
      {
        daysAgo: 12,
        author: 'thomas.girard',
        name: 'Note pour la première lecture',
        blocks: [
          { heading: 'Trois modèles de transformation territoriale' },
          { paragraph: 'Cette note compare trois manières dont un territoire change de trajectoire.' },
          {
            list: [
              'La rupture : un choc extérieur impose un changement rapide.',
              'La transition incrémentale : de petits pas cohérents, sur la durée.',
              'La bifurcation : un choix collectif de changer de cap.',
            ],
          },
        ],
      },
      {
        daysAgo: 2,
        author: 'yann.le-gall',
        blocks: [
          { heading: 'Trois modèles de transformation territoriale' },
          { paragraph: 'Cette note compare trois manières dont un territoire change de trajectoire.' },
          {
            list: [
              'La rupture : un choc extérieur impose un changement rapide.',
              'La transition incrémentale : de petits pas cohérents, sur la durée.',
              'La bifurcation : un choix collectif de changer de cap.',
            ],
          },
          { heading: 'Témoignage : le Pays-Modèle' },
          {
            paragraph:
              "La fermeture de la station de ski a d'abord été vécue comme une rupture, puis transformée en bifurcation grâce à un projet de territoire quatre saisons.",
          },
        ],
      },
    ],
  },
];

export interface DemoLink {
  space: string;
  title: string;
  url: string;
  description: string;
  author: string;
}

export const DEMO_LINKS: DemoLink[] = [
  {
    space: 'mise-en-recits',
    title: 'Podcast « La mise en récits » (épisode de démonstration)',
    url: 'https://podcast.demo.example/la-mise-en-recits',
    description: 'Un épisode sur la façon dont les territoires racontent leur transition.',
    author: 'lea.martin',
  },
  {
    space: 'representations-systemiques',
    title: 'Boîte à outils : dessiner une boucle de rétroaction',
    url: 'https://outils.demo.example/boucles-de-retroaction',
    description: 'Fiche pratique pour animer un atelier de représentation systémique.',
    author: 'sophie.nguyen',
  },
  {
    space: 'trajectoires-de-transformation',
    title: 'Bibliographie commentée sur les trajectoires',
    url: 'https://biblio.demo.example/trajectoires',
    description: 'Les lectures qui ont nourri la note de travail.',
    author: 'thomas.girard',
  },
];

export interface DemoQuestion {
  author: string;
  body: string;
  status: 'answered' | 'transmitted';
  votes: string[];
  /** For `transmitted`: the space it was handed to. */
  transmittedTo?: string;
}

/** The last permanence, its questions and what came of it; the next ones and who comes. */
export const DEMO_PERMANENCE = {
  attendees: ['camille.roux', 'malik.benali', 'helene.carpentier', 'jules.lefebvre', 'yann.le-gall', 'morgane.lambert'],
  questions: [
    {
      author: 'malik.benali',
      body: 'Comment embarquer un conseil municipal qui pense que la transition, « ce sont des contraintes » ?',
      status: 'answered',
      votes: ['camille.roux', 'yann.le-gall', 'jules.lefebvre'],
    },
    {
      author: 'yann.le-gall',
      body: 'Existe-t-il des modèles de trajectoire pour les territoires de montagne qui perdent leur activité principale ?',
      status: 'transmitted',
      votes: ['helene.carpentier', 'malik.benali'],
      transmittedTo: 'trajectoires-de-transformation',
    },
    {
      author: 'helene.carpentier',
      body: "Comment l'État territorial peut-il trouver sa place dans une équipe des 4 Fantastiques sans prendre toute la place ?",
      status: 'answered',
      votes: ['camille.roux'],
    },
  ] satisfies DemoQuestion[],
  report: [
    { heading: 'Compte rendu de la permanence' },
    {
      paragraph:
        'Six participant·es, trois questions posées, dont une transmise au chantier Trajectoires de transformation.',
    },
    { heading: 'Embarquer un conseil municipal' },
    {
      paragraph:
        "Partir des projets déjà engagés et de ce qu'ils changent pour les habitant·es, plutôt que des objectifs chiffrés. Une séance de la communauté Mise en récits y reviendra.",
    },
    { heading: "La place de l'État territorial" },
    { paragraph: "Se rendre disponible sans piloter : l'État facilite l'accès aux financements et à l'ingénierie." },
  ] satisfies DemoBlock[],
  followUp: {
    space: 'mise-en-recits',
    posts: [
      {
        author: 'morgane.lambert',
        daysAgo: 3.5,
        body: '<p>Suite à la permanence : la question de @Malik Benali sur le conseil municipal mérite une séance à part entière. Qui a un exemple de récit qui a fait basculer une assemblée ?</p>',
      },
      {
        author: 'camille.roux',
        daysAgo: 2.5,
        body: "<p>Au Val-d'Exemple, c'est la visite d'une chaufferie bois voisine qui a tout changé : voir plutôt qu'entendre.</p>",
        replyTo: 0,
        reactions: { '👍': ['malik.benali', 'morgane.lambert'] },
      },
    ] satisfies DemoPost[],
  },
  /** Registered for the next permanence. */
  next: ['camille.roux', 'malik.benali', 'lea.martin', 'pierre.dubois', 'nadia.haddad', 'morgane.lambert'],
};

/** A one-off initiation session, full, with a waitlist. */
export const DEMO_INITIATION = {
  title: "Session d'initiation aux 4 fondamentaux",
  summary: "Une matinée en visioconférence pour s'initier aux fondamentaux de la conduite de changement systémique.",
  /** In the alliance's zone, this many days from the seed's day, 9 h 30 – 12 h 30. */
  daysAhead: 16,
  startTime: { hour: 9, minute: 30 },
  durationMinutes: 180,
  capacity: 5,
  videoUrl: 'https://visio.demo.example/initiation',
  registered: ['malik.benali', 'jules.lefebvre', 'helene.carpentier', 'pierre.dubois', 'yann.le-gall'],
  waitlisted: ['camille.roux', 'aicha.diallo'],
  organiser: 'morgane.lambert',
};

/**
 * The next Assemblée des alliés (four editions so far, up to 180 people): a day on site with a
 * programme of two parallel workshops and a closing plenary, and three registration questions.
 */
export const DEMO_ASSEMBLY = {
  title: '5e Assemblée des alliés',
  summary:
    "Une journée pour évaluer et co-construire la dynamique d'alliance : bilan de l'année, ateliers au choix, perspectives des chantiers.",
  daysAhead: 45,
  startTime: { hour: 9, minute: 30 },
  durationMinutes: 450,
  capacity: 180,
  address: "Lieu précisé aux personnes inscrites un mois avant l'Assemblée",
  accessibilityNote: 'Salles de plain-pied ; dites-nous vos besoins en vous inscrivant.',
  organiser: 'morgane.lambert',
  questions: [
    { key: 'organisation', required: true },
    { key: 'accessibility', required: false },
    { key: 'meal', required: true },
  ],
  /** Each session starts this many minutes after the assembly, and lasts this long. */
  sessions: [
    { title: "Atelier A — Évaluer la dynamique d'alliance", offsetMinutes: 270, durationMinutes: 105, capacity: 60 },
    {
      title: 'Atelier B — Co-construire les chantiers de l’année',
      offsetMinutes: 270,
      durationMinutes: 105,
      capacity: 60,
    },
    { title: 'Plénière de clôture', offsetMinutes: 390, durationMinutes: 60, capacity: null },
  ],
  registered: [
    { person: 'malik.benali', meal: 'vegetarian', sessions: [0, 2] },
    { person: 'jules.lefebvre', meal: 'standard', sessions: [1, 2] },
    { person: 'helene.carpentier', meal: 'vegan', sessions: [0] },
  ],
} as const;
