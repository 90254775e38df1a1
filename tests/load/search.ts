/**
 * `pnpm bench:search`: `GET /api/search` over a corpus of BENCH_SEARCH_POSTS posts (default
 * 1,000,000 on PostgreSQL, 100,000 on embedded PGlite) of French text with the glossary's
 * terms, in 40 spaces (10 public, 20 members-only of which the asker is a member, 10 private
 * that they are not in), as that member: a fixed mix of BENCH_SEARCH_QUERIES (200) queries,
 * each timed, p50 / p95 / p99 per run (BENCH_RUNS, 3; the median run is reported).
 *
 * Baseline, measured in the same run on the same tables once the server has stopped: the
 * same queries as raw SQL full-text (`websearch_to_tsquery`, ranked, 21 rows), without the
 * permission filter, the glossary, the excerpts or HTTP. The ratio is search p95 / raw p95.
 * The corpus is seeded set-based with the index triggers off; the index's fill (entries and
 * their tsvector) and its GIN build are timed, with their sizes. Prints one JSON line on stdout.
 */
import { randomBytes } from 'node:crypto';
import {
  envNumber,
  figure,
  goal,
  httpClient,
  log,
  machine,
  now,
  openRaw,
  percentile,
  printResult,
  type RawConnection,
  RUNS,
  ratio,
  round,
  runBenchmark,
  startBenchServer,
  watchdog,
} from './common';

const onPostgres = Boolean(process.env.DATABASE_URL);
const config = {
  posts: Math.round(envNumber('BENCH_SEARCH_POSTS', onPostgres ? 1_000_000 : 100_000)),
  queries: Math.round(envNumber('BENCH_SEARCH_QUERIES', 200)),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 3600),
};
const P95_GOAL_MS = 50;
const RATIO_GOAL = 1.5;
const POSTS_PER_THREAD = 25;
const SPACES = { public: 10, member: 20, private: 10 };

/** Words of the alliance's work, with the glossary's acronyms and phrases among them. */
const VOCABULARY = [
  'transition',
  'écologique',
  'territoire',
  'territoires',
  'réseau',
  'réseaux',
  'chaleur',
  'énergie',
  'énergies',
  'renouvelables',
  'mobilité',
  'mobilités',
  'vélo',
  'covoiturage',
  'alimentation',
  'agriculture',
  'biodiversité',
  'eau',
  'sobriété',
  'foncière',
  'rénovation',
  'logement',
  'bâtiment',
  'citoyens',
  'citoyennes',
  'élu·es',
  'agent·es',
  'acteur·ices',
  'habitant·es',
  'commune',
  'intercommunalité',
  'département',
  'région',
  'État',
  'cohorte',
  'chantier',
  'communauté',
  'permanence',
  'atelier',
  'récit',
  'récits',
  'imaginaire',
  'coopération',
  'gouvernance',
  'financement',
  'budget',
  'diagnostic',
  'stratégie',
  'plan',
  'climat',
  'adaptation',
  'atténuation',
  'carbone',
  'émissions',
  'forêt',
  'bois',
  'haie',
  'sol',
  'artificialisation',
  'urbanisme',
  'PCAET',
  'PLUi',
  'SCoT',
  'ZAN',
  'EPCI',
  'PETR',
  'ENR',
  'CRTE',
  'TEPOS',
  'ADEME',
  'ESS',
  'méthanisation',
  'photovoltaïque',
  'éolien',
  'géothermie',
  'solaire',
  'chaufferie',
  'collective',
  'projet',
  'alimentaire',
  'cantine',
  'circuit',
  'court',
  'marché',
  'producteurs',
  'école',
  'jeunesse',
  'santé',
  'précarité',
  'solidarité',
  'emploi',
  'formation',
  'compétences',
  'ingénierie',
  'accompagnement',
  'méthode',
  'outil',
  'retour',
  "d'expérience",
  'réunion',
  'compte',
  'rendu',
  'proposition',
  'question',
  'vote',
  'calendrier',
  'étape',
  'livrable',
  'fiche',
  'publication',
  'podcast',
  'vidéo',
  'revue',
  'presse',
  'Drôme',
  'Bretagne',
  'Occitanie',
  'Normandie',
  'Grand',
  'Est',
  'Hauts-de-France',
  'Auvergne',
  'Rhône-Alpes',
  'montagne',
  'littoral',
  'rural',
  'urbain',
  'périurbain',
  'quartier',
  'centre-bourg',
  'friche',
  'tourisme',
  'inondation',
  'sécheresse',
  'canicule',
  'risques',
  'résilience',
  'trame',
  'verte',
  'bleue',
  'paysage',
  'patrimoine',
  'culture',
  'concertation',
  'participation',
  'démocratie',
];

/** The fixed query mix: common and rare words, glossary terms both ways, phrases, exclusions, inclusive writing. */
const QUERY_MIX = [
  'transition',
  'reseau chaleur',
  'plan climat',
  'PCAET',
  'zero artificialisation nette',
  'ZAN',
  'mobilite velo',
  '"compte rendu"',
  'energie -bois',
  'actrice',
  'elu',
  'agentes',
  'methanisation',
  'photovoltaique toiture',
  'cantine bio',
  'projet alimentaire territorial',
  'PAT',
  'trame verte et bleue',
  'secheresse adaptation',
  'geothermie',
  'intercommunalite',
  'EPCI PETR',
  'renovation logement precarite',
  'retour experience',
  'Drome',
  'littoral inondation',
  '"reseau de chaleur"',
  'cooperation gouvernance',
  'ESS emploi',
  'friche',
  'TEPOS',
  'energies renouvelables',
  'CRTE financement',
  'ADEME fiche',
  'permanence question',
  'podcast recit',
  'imaginaire',
  'haie bocage',
  'sobriete fonciere',
  'chaufferie bois collective',
];

const vocabulary = `array[${VOCABULARY.map((word) => `'${word.replaceAll("'", "''")}'`).join(', ')}]`;

/**
 * An index into the vocabulary drawn from a hash of `seed`, skewed as words are in real text
 * (the first words of the list are common, the last ones rare): the cube of a uniform draw.
 */
const zipf = (seed: string) =>
  `1 + floor(${VOCABULARY.length} * power((abs(hashint4(${seed})) % 1000000) / 1000000.0, 3))::int`;

async function one<Row>(db: RawConnection, text: string, params: unknown[] = []): Promise<Row> {
  const [row] = await db.query<Row>(text, params);
  if (!row) throw new Error(`seed: no row from ${text.slice(0, 80)}`);
  return row;
}

interface Seeded {
  memberSlug: string;
  tokens: { member: string };
  index: { entries: number; fillMs: number; ginMs: number; tableMb: number; ginMb: number };
}

/**
 * 40 spaces, a thread of 25 posts per 25 posts asked, bodies of 24 to 40 words drawn from the
 * vocabulary by a hash of their number, common words often and rare ones seldom (the same
 * corpus every run); then the search index
 * filled from them and its GIN index built, both timed.
 */
async function seed(db: RawConnection, token: string): Promise<Seeded> {
  const author = await one<{ id: string }>(
    db,
    `insert into users (email, display_name, role, locale) values ('mesure.recherche@exemple.fr', 'Membre Mesure', 'member', 'fr')
    returning id`,
  );
  const spaces: Array<{ id: string; slug: string; member: boolean }> = [];
  for (const [kind, count] of Object.entries(SPACES)) {
    for (let i = 1; i <= count; i++) {
      const slug = `mesure-${kind}-${i}`;
      const visibility = kind === 'public' ? 'public' : kind === 'member' ? 'members' : 'private';
      const row = await one<{ id: string }>(
        db,
        `insert into spaces (slug, kind, title, summary, visibility, join_policy)
        values ($1, 'chantier', $2, 'Espace de mesure', $3, 'request') returning id`,
        [slug, `Chantier ${kind} ${i}`, visibility],
      );
      spaces.push({ id: row.id, slug, member: kind === 'member' });
    }
  }
  for (const space of spaces.filter((space) => space.member)) {
    await db.query(`insert into memberships (space_id, user_id, role, status) values ($1, $2, 'membre', 'active')`, [
      space.id,
      author.id,
    ]);
  }
  await db.query(
    `insert into sessions (token_hash, user_id, csrf_token, expires_at)
    values (encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, 'mesure', now() + interval '1 day')`,
    [token, author.id],
  );

  // The triggers would index row by row; the benchmark times the index built in bulk instead.
  await db.query('alter table posts disable trigger posts_search');
  await db.query('alter table threads disable trigger threads_search');
  await db.query('drop index search_entries_vector_idx');
  const threads = Math.max(1, Math.ceil(config.posts / POSTS_PER_THREAD));
  const spaceIds = `array[${spaces.map((space) => `'${space.id}'::uuid`).join(', ')}]`;
  log(`seeding ${config.posts} posts in ${threads} threads`);
  await db.query(
    `insert into threads (space_id, author_id, title, post_count, last_number, last_post_at, created_at)
    select (${spaceIds})[1 + n % ${spaces.length}], $1,
      initcap((${vocabulary})[${zipf('n')}]) || ' et ' || (${vocabulary})[${zipf('n + 7')}] || ' ' || n,
      ${POSTS_PER_THREAD}, ${POSTS_PER_THREAD}, now() - n * interval '1 minute', now() - n * interval '1 minute'
    from generate_series(1, $2::int) as n`,
    [author.id, threads],
  );
  // Thread n of the corpus, for the posts to find theirs by number.
  await db.query(`create temporary table bench_threads as
    select id, (row_number() over (order by created_at desc))::int as n from threads`);
  await db.query('create index on bench_threads (n)');
  const batch = 50_000;
  for (let from = 0; from < config.posts; from += batch) {
    await db.query(
      `insert into posts (thread_id, number, author_id, body, created_at)
      select t.id, 1 + (p.n % ${POSTS_PER_THREAD}), $1,
        '<p>' || (select string_agg((${vocabulary})[${zipf('p.n * 64 + k')}], ' ')
          from generate_series(1, 24 + abs(hashint4(p.n)) % 17) as k) || '</p>',
        now() - p.n * interval '3 seconds'
      from generate_series($2::int, $3::int) as p(n)
      join bench_threads t on t.n = 1 + p.n / ${POSTS_PER_THREAD}`,
      [author.id, from, Math.min(config.posts, from + batch) - 1],
    );
    log(`posts: ${Math.min(config.posts, from + batch)}`);
  }
  await db.query('alter table posts enable trigger posts_search');
  await db.query('alter table threads enable trigger threads_search');

  let started = now();
  await db.query(`select search_put('thread', id, space_id, null, title, '', null, created_at) from threads`);
  await db.query(`insert into search_entries (type, ref_id, space_id, parent_id, title, body, at)
    select 'post', p.id, t.space_id, t.id, t.title, search_html_text(p.body), p.created_at
    from posts p join threads t on t.id = p.thread_id`);
  const fillMs = now() - started;
  started = now();
  await db.query('create index search_entries_vector_idx on search_entries using gin (vector)');
  const ginMs = now() - started;
  await db.query('analyze');
  const sizes = await one<{ entries: string; table: string; gin: string }>(
    db,
    `select (select count(*) from search_entries)::text as entries,
      pg_total_relation_size('search_entries')::text as table,
      pg_relation_size('search_entries_vector_idx')::text as gin`,
  );
  const mb = (bytes: string) => round(Number(bytes) / 1024 / 1024, 1);
  return {
    memberSlug: spaces.find((space) => space.member)?.slug ?? '',
    tokens: { member: token },
    index: {
      entries: Number(sizes.entries),
      fillMs: round(fillMs),
      ginMs: round(ginMs),
      tableMb: mb(sizes.table),
      ginMb: mb(sizes.gin),
    },
  };
}

const queries = () => Array.from({ length: config.queries }, (_, i) => QUERY_MIX[i % QUERY_MIX.length] as string);
const stats = (latencies: number[]) => {
  const sorted = latencies.slice().sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
};

/** One run of the mix through HTTP as the member; latencies and how many results came back. */
async function searchRun(url: string, cookie: string) {
  const http = httpClient(url, 1);
  const latencies: number[] = [];
  let results = 0;
  try {
    for (const q of queries()) {
      const started = now();
      const answer = await http.send('GET', `/api/search?q=${encodeURIComponent(q)}`, { cookie });
      latencies.push(now() - started);
      if (answer.status !== 200) throw new Error(`search ${q}: ${answer.status} ${answer.text.slice(0, 300)}`);
      results += (JSON.parse(answer.text) as { items: unknown[] }).items.length;
    }
  } finally {
    http.close();
  }
  return { ...stats(latencies), results };
}

/** The same mix as raw full-text SQL on the same table: no permissions, glossary, excerpt or HTTP. */
async function rawRun(db: RawConnection) {
  const latencies: number[] = [];
  for (const q of queries()) {
    const started = now();
    await db.query(
      `select ref_id, ts_rank_cd(vector, query) as rank
      from search_entries, websearch_to_tsquery('public.french_unaccent'::regconfig, $1) as query
      where vector @@ query order by rank desc, at desc limit 21`,
      [q],
    );
    latencies.push(now() - started);
  }
  return stats(latencies);
}

const medianRun = <T extends { p95: number }>(runs: T[]) =>
  runs.slice().sort((a, b) => a.p95 - b.p95)[Math.floor(runs.length / 2)] as T;

async function main() {
  const loadBefore = machine();
  const token = `mesure-recherche-${randomBytes(8).toString('hex')}`;
  let seeded: Seeded | undefined;
  let seedMs = 0;
  const bench = await startBenchServer({
    async prepare(db) {
      const started = now();
      seeded = await seed(db, token);
      seedMs = now() - started;
    },
  });
  const cancel = watchdog(config.timeoutSeconds, () => bench.cleanup());
  try {
    if (!seeded) throw new Error('the seed gave nothing');
    const { index } = seeded;
    log(`seeded in ${round(seedMs)} ms; index ${JSON.stringify(index)}`);
    const cookie = `atelier_session=${seeded.tokens.member}`;
    // One unmeasured pass: the server's caches and the database's pages warm.
    await searchRun(bench.server.url, cookie);
    const searchRuns = [];
    for (let run = 0; run < RUNS; run++)
      searchRuns.push({ ...(await searchRun(bench.server.url, cookie)), load: machine() });
    await bench.stop();
    const raw = await openRaw({ databaseUrl: bench.databaseUrl, dataDir: bench.dataDir }, 1);
    const rawRuns = [];
    try {
      const connection = raw.connections[0] as RawConnection;
      await rawRun(connection);
      for (let run = 0; run < RUNS; run++) rawRuns.push(await rawRun(connection));
    } finally {
      await raw.close();
    }
    const search = medianRun(searchRuns);
    const baseline = medianRun(rawRuns);
    const p95Ratio = ratio(search.p95, baseline.p95, 2);
    printResult(
      {
        bench: 'search',
        database: bench.database,
        runs: RUNS,
        posts: config.posts,
        queries: config.queries,
        seedMs: round(seedMs),
        index,
        searchMs: { p50: search.p50, p95: search.p95, p99: search.p99, results: search.results },
        searchP95Runs: figure(
          searchRuns.map((run) => run.p95),
          searchRuns.map((run) => run.load.loadAverage[0] ?? 0),
        ),
        rawFullTextMs: baseline,
        p95Ratio,
        goals: {
          p95: goal(`search p95 ≤ ${P95_GOAL_MS} ms`, search.p95, search.p95 <= P95_GOAL_MS),
          ratio: goal(`search p95 ≤ ${RATIO_GOAL} × raw full-text p95`, p95Ratio, (p95Ratio ?? Infinity) <= RATIO_GOAL),
        },
      },
      loadBefore,
    );
  } finally {
    cancel();
    await bench.cleanup();
  }
}

runBenchmark('search', main);
