/**
 * The alliance's real structure, as the demo and a fresh installation start with it. Copied
 * from the shared domain notes (the app never reads them at run time) and kept to public facts:
 * names of organisations, programmes and territories, never a person's name.
 *
 * Slugs are derived from the titles by `slugify`; seed.test.ts pins them, so renaming a title
 * here cannot silently change a URL.
 */

import type { OrganisationKind, TerritoryLevel } from '@atelier/contract';

export interface SeedProject {
  territory: string;
  /** What the territory works on; null for a community's member organisations. */
  theme: string | null;
}

export interface SeedSpace {
  kind: 'chantier' | 'communaute' | 'cohorte';
  title: string;
  summary: string;
  description: string;
  goals: string[];
  period: string | null;
  partners: string[];
  audience: string | null;
  visibility: 'public' | 'members' | 'private';
  joinPolicy: 'open' | 'request' | 'invite';
  status: 'active' | 'archived';
  projects: SeedProject[];
}

export interface SeedSeries {
  slug: string;
  title: string;
  kind: 'permanence' | 'initiation' | 'atelier' | 'autre';
  summary: string;
  rrule: string;
  timezone: string;
  /** `YYYY-MM-DD`, the first occurrence. */
  firstDate: string;
  /** `HH:MM`, wall-clock time in `timezone`. */
  startTime: string;
  durationMinutes: number;
  mode: 'visio' | 'presentiel';
  /** Seats per occurrence; null: unlimited. */
  capacity: number | null;
  /** Shown only to seat holders and animateur·ices. */
  videoUrl: string | null;
}

const CHANTIER_PURPOSE =
  'Les chantiers produisent collectivement des outils, des dispositifs ou des ressources au service des territoires en transition.';

const chantier = (title: string, goal: string, partners: string[], description: string): SeedSpace => ({
  kind: 'chantier',
  title,
  summary: goal,
  description: `${description}\n\n${CHANTIER_PURPOSE}`,
  goals: [goal],
  period: null,
  partners,
  audience: null,
  visibility: 'public',
  joinPolicy: 'open',
  status: 'active',
  projects: [],
});

/** The four recent chantiers. */
export const CHANTIERS: SeedSpace[] = [
  chantier(
    'Représentations systémiques',
    'Outiller les acteur·ices de la transition avec des représentations visuelles de la systémie.',
    ['Futuribles'],
    'Schémas, cartes, supports visuels : ce chantier fabrique des représentations qui aident les acteur·ices des territoires à voir ensemble les enjeux inter-reliés de la transition, à en parler et à décider. Il est animé avec Futuribles.',
  ),
  chantier(
    'Trajectoires de transformation',
    'Étudier trois modèles de transformation territoriale.',
    ['Vagues Horizons'],
    "Ce chantier étudie trois modèles de transformation territoriale pour en tirer des repères utiles aux territoires qui s'engagent dans la conduite de changement systémique : comment tenir le cap, articuler le temps court et le temps long, élargir progressivement. Il est animé avec Vagues Horizons.",
  ),
  chantier(
    'Voyages apprenants',
    'Créer une offre collective de voyages apprenants.',
    ['Réseau Cler'],
    "Aller voir sur place comment d'autres territoires conduisent leur transition, et apprendre de pair à pair : ce chantier construit une offre collective de voyages apprenants. Il est animé avec le Réseau Cler.",
  ),
  chantier(
    'Éducation populaire et transition juste',
    "Mutualiser les apports de l'ESS, de l'éducation populaire et de la conduite de changement au service de la transition.",
    ["Le Labo de l'ESS", 'e-graine'],
    "Ce chantier croise les apports de l'économie sociale et solidaire, de l'éducation populaire et de la conduite de changement pour une transition juste, construite avec les habitant·es plutôt que pour eux. Il est co-animé avec Le Labo de l'ESS et e-graine.",
  ),
];

/** The two recent learning communities. */
export const COMMUNITIES: SeedSpace[] = [
  {
    kind: 'communaute',
    title: 'Mise en récits',
    summary: 'Analyser collectivement des initiatives territoriales de mise en récits.',
    description:
      "Ouverte à tous·tes depuis 2021 et co-animée avec le Cerdd, cette communauté apprenante réunit une centaine de participant·es pour analyser collectivement des initiatives territoriales de mise en récits.\n\nAu-delà du « changement des imaginaires » et du storytelling, la mise en récits y est travaillée comme un outil de conduite de changement, selon cinq dimensions : mettre en trajectoire, communiquer sincèrement, faire émerger des récits alternatifs, raconter la coopération, évaluer la valeur créée.\n\nElle a publié deux recueils : « 12 initiatives territoriales pour s'inspirer » et « Les initiatives de grandes collectivités françaises ».",
    goals: ['Analyser collectivement des initiatives territoriales de mise en récits.'],
    period: 'Depuis 2021',
    partners: ['Cerdd'],
    audience: 'Ouverte à tous·tes',
    visibility: 'public',
    joinPolicy: 'open',
    status: 'active',
    projects: [],
  },
  {
    kind: 'communaute',
    title: 'Territoires narratifs',
    summary: "Renforcer la mise en œuvre de l'approche narrative dans les grandes collectivités.",
    description:
      "Une communauté apprenante réservée aux élu·es et agent·es de grandes collectivités françaises, pour renforcer la mise en œuvre de l'approche narrative dans la conduite de leurs transitions.\n\nAvec les villes de Paris, Lyon et Marseille, les métropoles de Rouen Normandie et de Rennes, et le Département du Puy-de-Dôme.",
    goals: ["Renforcer la mise en œuvre de l'approche narrative."],
    period: '2023-2024',
    partners: [],
    audience: 'élu·es et agent·es de grandes collectivités',
    visibility: 'members',
    joinPolicy: 'request',
    status: 'active',
    projects: [
      'Ville de Paris',
      'Ville de Lyon',
      'Ville de Marseille',
      'Métropole Rouen Normandie',
      'Rennes Métropole',
      'Département du Puy-de-Dôme',
    ].map((territory) => ({ territory, theme: null })),
  },
];

const COHORT_AUDIENCE = 'Les « 4 Fantastiques » des territoires accompagnés';
const COHORT_APPROACH =
  "Un accompagnement collectif des territoires et de leurs « 4 Fantastiques » : élu·es, agent·es, État territorial et acteur·ices socio-économiques. Pas de solutions toutes faites : un parcours commun, des échanges entre pairs et l'appui des allié·es aident chaque territoire à conduire son projet comme un changement systémique.";

const cohort = (
  title: string,
  period: string,
  summary: string,
  description: string,
  projects: Array<[territory: string, theme: string]> = [],
): SeedSpace => ({
  kind: 'cohorte',
  title,
  summary,
  description: `${description}\n\n${COHORT_APPROACH}`,
  goals: [],
  period,
  partners: [],
  audience: COHORT_AUDIENCE,
  visibility: 'members',
  joinPolicy: 'invite',
  status: 'active',
  projects: projects.map(([territory, theme]) => ({ territory, theme })),
});

/** The accompaniment cohorts, with the pilot projects of their territories. */
export const COHORTS: SeedSpace[] = [
  cohort(
    'Territoires pilotes',
    '2021-2022 (saison 1) et 2023-2024 (saison 2)',
    "Dix territoires pilotes accompagnés à l'échelle nationale, en deux saisons.",
    "Dix territoires pilotes accompagnés à l'échelle nationale, en deux saisons (2021-2022 et 2023-2024). Chacun arrive avec ses idées et son projet : résilience alimentaire, coopération, sobriété, mobilités, commande publique…",
    [
      ['Ville de Vimy', 'améliorer la résilience alimentaire'],
      ['PETR Albigeois et Bastides', 'faciliter la coopération'],
      ['Ville de Reungy', 'valoriser les déchets'],
      ["Communauté urbaine d'Arras", 'un nouvel imaginaire pour les mobilités'],
      ['Ville de Lomme', 'se former aux coopérations'],
      ["Ville d'Annecy", 'expérimenter des logements sobres'],
      ['Ville de Faverges-Seythenex', 'mieux et moins : le défi de la sobriété'],
      ['Agglomération du Beauvaisis', 'vers une commande publique plus durable'],
      ['Ville de Saint-Jean-de-Braye', 'fédérer avec la mise en récits'],
    ],
  ),
  cohort(
    'Avenir Montagnes Ingénierie',
    '2022-2024',
    '62 territoires de montagne lauréats, dont 9 territoires pilotes.',
    "Une cohorte de territoires de montagne : 62 territoires lauréats, dont 9 territoires pilotes. Un tronc commun apporte des connaissances sur la transition écologique et énergétique en montagne, pour coproduire une culture partagée de l'ingénierie de la conduite du changement systémique.",
    [
      ['PETR Causses et Cévennes', "un GR de Pays pour mettre en valeur l'identité locale"],
      ['PETR Pays de Sarrebourg', "restructurer l'offre touristique des sentiers de randonnée"],
      ["Com'Com Maurienne Galibier", 'une centrale photovoltaïque villageoise'],
      ["Com'Com Cœur de Chartreuse", 'un nouveau modèle pour le domaine skiable'],
      ['PNR Doubs Horloger', 'une cartographie sensible avec les habitants'],
      ['ENJ-Bellefontaine', 'co-construire un projet de transition écologique'],
      ['PETR Pays des Nestes', 'développer une offre touristique durable'],
      ["PETR de l'Ariège", "fédérer autour d'un événement"],
      ['PNR du Luberon', 'anticiper et instruire les conflits'],
    ],
  ),
  cohort(
    'Cohorte régionale Occitanie',
    '2024-2025',
    "Huit territoires d'Occitanie et la Région accompagnés dans leurs projets de transition.",
    "Huit territoires d'Occitanie, avec la Région, accompagnés dans leurs projets de transition : éco-hameau, centre bourg, énergies renouvelables locales, réemploi, mobilités…",
    [
      ['Barre des Cévennes', 'construire un éco-hameau'],
      ['Canohès', 'revitaliser le centre bourg'],
      ["Com'Com du Frontonnais", 'développer les ENR locales'],
      ['Le Vigan', 'rénover le groupe scolaire'],
      ['Montpellier Méditerranée Métropole', 'structurer une filière de réemploi du BTP'],
      ['Saint-Hilaire-de-Brethmas', 'améliorer les coopérations entre services'],
      ['Gruissan', 'objectif première station balnéaire sans voiture'],
      ['SICOVAL', 'faciliter les mobilités'],
    ],
  ),
  cohort(
    'Cohorte régionale Grand Est',
    '2024-2025',
    'Neuf territoires du Grand Est et la Région accompagnés dans leurs projets de transition.',
    'Neuf territoires du Grand Est, avec la Région, qui mettent en pratique les 4 fondamentaux de la conduite de changement systémique.',
  ),
  cohort(
    'Territoires adaptés au climat de demain',
    '2024-2025',
    "25 collectivités accompagnées à l'échelle nationale.",
    "25 collectivités accompagnées à l'échelle nationale pour adapter leur territoire au climat de demain.",
  ),
];

export const ALLIANCE_SPACES: SeedSpace[] = [...CHANTIERS, ...COMMUNITIES, ...COHORTS];

/** La permanence: first Tuesday of each month, 12:30 Paris time, online. */
export const PERMANENCE_SERIES: SeedSeries = {
  slug: 'permanence',
  title: 'La permanence',
  kind: 'permanence',
  summary: 'Tous les premiers mardis du mois en visioconférence, pour poser des questions et faire des propositions.',
  rrule: 'FREQ=MONTHLY;BYDAY=1TU',
  timezone: 'Europe/Paris',
  // The first Tuesday of January 2024.
  firstDate: '2024-01-02',
  startTime: '12:30',
  durationMinutes: 60,
  mode: 'visio',
  capacity: 100,
  videoUrl: 'https://visio.fabriquedesterritoires.example/permanence',
};

export const ALLIANCE_SERIES: SeedSeries[] = [PERMANENCE_SERIES];

export interface SeedTerritory {
  /** How the cohort's space names it among its projects. */
  project: string;
  level: Exclude<TerritoryLevel, 'other'>;
  /** Its official code: the name comes from the official list. */
  code: string;
  /** Its centre, for the map. */
  lat: number;
  lon: number;
}

/**
 * The cohorts' territories that have an official code in the lists of communes and EPCI. The
 * PETR and parcs naturels régionaux are in neither list: an admin adds them with their SIREN.
 */
export const ALLIANCE_TERRITORIES: SeedTerritory[] = [
  { project: 'Ville de Vimy', level: 'commune', code: '62861', lat: 50.3725, lon: 2.8108 },
  { project: "Communauté urbaine d'Arras", level: 'epci', code: '200033579', lat: 50.291, lon: 2.7775 },
  { project: 'Ville de Lomme', level: 'commune', code: '59355', lat: 50.6431, lon: 2.9872 },
  { project: "Ville d'Annecy", level: 'commune', code: '74010', lat: 45.8992, lon: 6.1294 },
  { project: 'Ville de Faverges-Seythenex', level: 'commune', code: '74123', lat: 45.7506, lon: 6.2939 },
  { project: 'Agglomération du Beauvaisis', level: 'epci', code: '200067999', lat: 49.4295, lon: 2.0807 },
  { project: 'Ville de Saint-Jean-de-Braye', level: 'commune', code: '45284', lat: 47.9128, lon: 1.9744 },
  { project: "Com'Com Maurienne Galibier", level: 'epci', code: '247300452', lat: 45.2203, lon: 6.4697 },
  { project: "Com'Com Cœur de Chartreuse", level: 'epci', code: '200040111', lat: 45.3876, lon: 5.7377 },
  { project: 'Barre des Cévennes', level: 'commune', code: '48019', lat: 44.2425, lon: 3.6553 },
  { project: 'Canohès', level: 'commune', code: '66038', lat: 42.6547, lon: 2.8356 },
  { project: "Com'Com du Frontonnais", level: 'epci', code: '200034957', lat: 43.8392, lon: 1.3894 },
  { project: 'Le Vigan', level: 'commune', code: '30350', lat: 43.9914, lon: 3.6058 },
  { project: 'Montpellier Méditerranée Métropole', level: 'epci', code: '243400017', lat: 43.6108, lon: 3.8767 },
  { project: 'Saint-Hilaire-de-Brethmas', level: 'commune', code: '30259', lat: 44.0817, lon: 4.1253 },
  { project: 'Gruissan', level: 'commune', code: '11170', lat: 43.1075, lon: 3.0867 },
  { project: 'SICOVAL', level: 'epci', code: '243100633', lat: 43.5336, lon: 1.5286 },
];

export interface SeedOrganisation {
  name: string;
  kind: OrganisationKind;
  /** Its territory by official code, with the official name (seed.service.test.ts checks both). */
  territory?: { level: 'commune' | 'epci' | 'departement' | 'region'; code: string; name: string };
  themes: string[];
  presentation: string;
}

/**
 * The organisations the alliance's presentation names: the allies whose work inspires its
 * approach (« un corpus partagé »), those who animate its chantiers and communities, and the
 * large local authorities of « Territoires narratifs ». Public facts, no person's name.
 */
export const ALLIANCE_ORGANISATIONS: SeedOrganisation[] = [
  {
    name: 'Ville de Loos-en-Gohelle',
    kind: 'collectivite',
    territory: { level: 'departement', code: '62', name: 'Pas-de-Calais' },
    themes: ['transition écologique', 'participation des habitants'],
    presentation: 'Commune pionnière de la transition, dont l’expérience nourrit l’approche de la Fabrique.',
  },
  {
    name: 'UNADEL',
    kind: 'reseau',
    themes: ['développement local', 'coopération'],
    presentation: 'Union nationale des acteurs du développement local, allié du corpus partagé.',
  },
  {
    name: 'Le Labo de l’ESS',
    kind: 'reseau',
    themes: ['économie sociale et solidaire', 'coopération'],
    presentation:
      'Laboratoire d’idées de l’économie sociale et solidaire ; co-anime le chantier « Éducation populaire et transition juste ».',
  },
  {
    name: 'IE-EFC ATEMIS',
    kind: 'recherche',
    themes: ['économie de la fonctionnalité', 'coopération'],
    presentation: 'Institut Européen de l’Économie de la Fonctionnalité et de la Coopération, allié du corpus partagé.',
  },
  {
    name: 'négaWatt',
    kind: 'societe_civile',
    themes: ['énergie', 'sobriété'],
    presentation: 'Association pour la sobriété, l’efficacité énergétique et les énergies renouvelables.',
  },
  {
    name: 'Solagro',
    kind: 'bureau_etudes',
    themes: ['agriculture', 'alimentation', 'énergie'],
    presentation:
      'Entreprise associative d’ingénierie pour les transitions énergétique, agroécologique et alimentaire.',
  },
  {
    name: 'Cerdd',
    kind: 'reseau',
    territory: { level: 'region', code: '32', name: 'Hauts-de-France' },
    themes: ['mise en récits', 'développement durable'],
    presentation: 'Centre ressource du développement durable ; co-anime la communauté apprenante « Mise en récits ».',
  },
  {
    name: 'CTES',
    kind: 'reseau',
    themes: ['économie sociale et solidaire'],
    presentation: 'Allié dont les travaux nourrissent le corpus partagé de la Fabrique.',
  },
  {
    name: 'Futuribles',
    kind: 'recherche',
    themes: ['prospective'],
    presentation: 'Centre de prospective ; anime le chantier « Représentations systémiques ».',
  },
  {
    name: 'Vagues Horizons',
    kind: 'bureau_etudes',
    themes: ['conduite du changement'],
    presentation:
      'Accompagnement des transformations territoriales ; anime le chantier « Trajectoires de transformation ».',
  },
  {
    name: 'Réseau Cler',
    kind: 'reseau',
    themes: ['énergie', 'rénovation'],
    presentation: 'Réseau pour la transition énergétique ; anime le chantier « Voyages apprenants ».',
  },
  {
    name: 'e-graine',
    kind: 'societe_civile',
    themes: ['éducation populaire', 'transition juste'],
    presentation:
      'Mouvement d’éducation à la citoyenneté mondiale ; co-anime « Éducation populaire et transition juste ».',
  },
  ...(
    [
      ['Ville de Paris', 'departement', '75', 'Paris'],
      ['Ville de Lyon', 'epci', '200046977', 'Métropole de Lyon'],
      ['Ville de Marseille', 'departement', '13', 'Bouches-du-Rhône'],
      ['Métropole Rouen Normandie', 'departement', '76', 'Seine-Maritime'],
      ['Rennes Métropole', 'departement', '35', 'Ille-et-Vilaine'],
      ['Département du Puy-de-Dôme', 'departement', '63', 'Puy-de-Dôme'],
    ] as const
  ).map(([name, level, code, territory]) => ({
    name,
    kind: 'collectivite' as const,
    territory: { level, code, name: territory },
    themes: ['mise en récits'],
    presentation: 'Membre de la communauté apprenante « Territoires narratifs » (2023-2024).',
  })),
];
