import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

describe('slugify', () => {
  it('lowercases, removes accents and joins words with hyphens', () => {
    expect(slugify('Représentations systémiques')).toBe('representations-systemiques');
    expect(slugify('Éducation populaire et transition juste')).toBe('education-populaire-et-transition-juste');
    expect(slugify('Mise en récits')).toBe('mise-en-recits');
  });

  it('treats apostrophes and punctuation as word breaks', () => {
    expect(slugify("Com'Com Cœur de Chartreuse")).toBe('com-com-coeur-de-chartreuse');
    expect(slugify('PETR de l’Ariège')).toBe('petr-de-l-ariege');
    expect(slugify('Mieux et moins : le défi de la sobriété !')).toBe('mieux-et-moins-le-defi-de-la-sobriete');
  });

  it('drops the inclusive-writing middle dot and spells ligatures out', () => {
    expect(slugify('Élu·es et agent·es')).toBe('elues-et-agentes');
    expect(slugify('Œuvres et ex æquo')).toBe('oeuvres-et-ex-aequo');
  });

  it('trims separators and keeps digits', () => {
    expect(slugify('  — Saison 2 (2023-2024) — ')).toBe('saison-2-2023-2024');
  });

  it('returns only lowercase ASCII letters, digits and single inner hyphens', () => {
    for (const title of ['Ça va ?', 'Ünïcödé Ŧëxt', '---', 'a  b', 'Noël à Créteil']) {
      expect(slugify(title)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
    }
    expect(slugify('---')).toBe('');
  });

  it('cuts long titles on a word boundary', () => {
    const slug = slugify('transition '.repeat(20));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('transition')).toBe(true);
  });

  it('is stable: slugifying a slug changes nothing', () => {
    expect(slugify('territoires-adaptes-au-climat-de-demain')).toBe('territoires-adaptes-au-climat-de-demain');
  });
});
