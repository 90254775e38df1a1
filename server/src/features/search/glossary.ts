/**
 * The transition's acronyms, shipped with the app: a search for one finds its expansion and
 * its synonyms, and back ("plan climat" finds "PCAET"). Each phrase is matched on whole words,
 * accents and case ignored.
 */
export interface GlossaryEntry {
  acronym: string;
  expansion: string;
  synonyms?: string[];
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    acronym: 'PCAET',
    expansion: 'plan climat-air-énergie territorial',
    synonyms: ['plan climat', 'PCET', 'plan climat-énergie territorial'],
  },
  { acronym: 'PLUi', expansion: "plan local d'urbanisme intercommunal", synonyms: ['PLU intercommunal'] },
  { acronym: 'PLU', expansion: "plan local d'urbanisme" },
  { acronym: 'SCoT', expansion: 'schéma de cohérence territoriale' },
  { acronym: 'ZAN', expansion: 'zéro artificialisation nette', synonyms: ['sobriété foncière'] },
  { acronym: 'EPCI', expansion: 'établissement public de coopération intercommunale', synonyms: ['intercommunalité'] },
  { acronym: 'PETR', expansion: "pôle d'équilibre territorial et rural" },
  { acronym: 'ENR', expansion: 'énergies renouvelables', synonyms: ['EnR', 'énergie renouvelable'] },
  { acronym: 'CRTE', expansion: 'contrat pour la réussite de la transition écologique' },
  { acronym: 'TEPOS', expansion: 'territoire à énergie positive', synonyms: ['TEPCV'] },
  {
    acronym: 'ADEME',
    expansion: "agence de l'environnement et de la maîtrise de l'énergie",
    synonyms: ['agence de la transition écologique'],
  },
  { acronym: 'ESS', expansion: 'économie sociale et solidaire' },
  {
    acronym: 'SRADDET',
    expansion: "schéma régional d'aménagement, de développement durable et d'égalité des territoires",
  },
  { acronym: 'TVB', expansion: 'trame verte et bleue' },
  { acronym: 'GES', expansion: 'gaz à effet de serre' },
  { acronym: 'PAT', expansion: 'projet alimentaire territorial' },
  { acronym: 'PLH', expansion: "programme local de l'habitat" },
  { acronym: 'PDM', expansion: 'plan de mobilité', synonyms: ['PDU', 'plan de déplacements urbains'] },
  { acronym: 'ZFE', expansion: 'zone à faibles émissions', synonyms: ['ZFE-m'] },
  { acronym: 'ANCT', expansion: 'Agence nationale de la cohésion des territoires' },
  { acronym: 'DREAL', expansion: "direction régionale de l'environnement, de l'aménagement et du logement" },
  { acronym: 'DDT', expansion: 'direction départementale des territoires', synonyms: ['DDTM'] },
  { acronym: 'GEMAPI', expansion: 'gestion des milieux aquatiques et prévention des inondations' },
  { acronym: 'SNBC', expansion: 'stratégie nationale bas-carbone' },
  { acronym: 'CEE', expansion: "certificats d'économies d'énergie" },
  { acronym: 'COT', expansion: "contrat d'objectif territorial", synonyms: ['COTEnR'] },
];
