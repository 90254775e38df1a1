import { z } from 'zod';

/**
 * Reference data of the alliance that both the client (forms) and the server (validation)
 * need. Labels stay in French: they are the alliance's own words.
 */

export const CHARTER = {
  /** Bump when the text changes: members are asked to accept the new version. */
  version: '2024-01',
  commitments: [
    'Constituer une communauté apprenante pour enrichir un patrimoine commun.',
    'Mettre ce patrimoine au service des transitions.',
    'Proposer ensemble des changements de modèles.',
    "Favoriser le déploiement d'une ingénierie de la conduite de changement systémique.",
  ],
} as const;

export const ORGANISATION_KINDS = {
  collectivite: 'Collectivité (commune, métropole, PETR, conseil départemental…)',
  reseau: "Réseau d'acteur·ices, de villes, thématique",
  association_pro: 'Association de professionnels',
  bureau_etudes: "Bureau d'études, consultant",
  recherche: 'Centre de recherche, de formation, université',
  entreprise: "Entreprise, coopérative, structure de l'ESS",
  societe_civile: 'Société civile organisée, ONG',
  media: "Média, maison d'édition",
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;
export const OrganisationKindSchema = z.enum(
  Object.keys(ORGANISATION_KINDS) as [OrganisationKind, ...OrganisationKind[]],
);

/** The "4 Fantastiques": the four roles whose cooperation drives a territory's transition. */
export const FANTASTIC_ROLES = {
  elu: { label: 'Élu·e', nickname: 'Mister Fantastique' },
  agent: { label: 'Agent·e', nickname: 'La Chose' },
  etat: { label: 'État territorial', nickname: 'La Femme invisible' },
  acteur: { label: 'Acteur·ice socio-économique', nickname: 'La Torche' },
} as const;
export type FantasticRole = keyof typeof FANTASTIC_ROLES;
export const FantasticRoleSchema = z.enum(Object.keys(FANTASTIC_ROLES) as [FantasticRole, ...FantasticRole[]]);
