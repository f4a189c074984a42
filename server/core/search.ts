import { createRequire } from "node:module";
import { type Column, type SQL, sql } from "drizzle-orm";
import { customType, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "../db/client.js";

/**
 * Full-text search over Chinese text, the same on PGlite and PostgreSQL.
 *
 * PostgreSQL cannot segment Chinese, and its text-search parser depends on the database's locale, so the
 * server builds the tsvector itself and hands it over as a tsvector literal (lexemes taken verbatim, the
 * `simple` way: no stemming, no stop words). A row's vector holds:
 * - jieba's search-mode words (`cutForSearch`: 民族团结 → 民族, 团结, 民族团结), Latin words and numbers lowercased;
 * - every Han character and every pair of adjacent Han characters, positioned by their offset in the text.
 *
 * A query is the AND of its terms (split at spaces and punctuation). A Han term of one or two characters is
 * that lexeme (indexed as a unigram / bigram); a longer one is the phrase of its bigrams (甘旗卡镇 →
 * 甘旗 <-> 旗卡 <-> 卡镇), so it finds exactly the texts that contain it, whatever word boundaries jieba drew
 * (it cuts 甘旗卡镇 as 甘旗 + 卡镇). A Latin word or number matches words starting with it (iso → ISO9001).
 */

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

type JiebaLike = { cutForSearch(text: string, hmm?: boolean): string[] };
let jieba: JiebaLike | undefined;
/** The jieba dictionary is loaded once, on first use (about 250 ms and a few tens of MB). */
function segmenter(): JiebaLike {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require("@node-rs/jieba") as { Jieba: { withDict(d: Uint8Array): JiebaLike } };
    const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** Text indexed per part; a longer title or name is indexed up to here. */
const MAX_PART = 1000;
/** tsvector positions stop at 16383. */
const MAX_POS = 16383;
/** At most this many terms / bigrams in one query: a pasted paragraph stays a bounded query. */
const MAX_QUERY_LEXEMES = 64;

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/['\\]/g, "$&$&")}'`;
}

/** The tsvector literal for these texts (null and empty parts skipped). */
export function searchVector(...parts: (string | null | undefined)[]): string {
  const lexemes = new Map<string, Set<number>>();
  const add = (lexeme: string, pos?: number) => {
    const set = lexemes.get(lexeme) ?? new Set<number>();
    lexemes.set(lexeme, set);
    if (pos !== undefined) set.add(Math.min(pos, MAX_POS));
  };
  let base = 1;
  for (const part of parts) {
    if (!part) continue;
    const chars = Array.from(normalize(part)).slice(0, MAX_PART);
    chars.forEach((c, i) => {
      if (!HAN.test(c)) return;
      add(c, base + i);
      if (i + 1 < chars.length && HAN.test(chars[i + 1])) add(c + chars[i + 1], base + i);
    });
    for (const token of segmenter().cutForSearch(chars.join(""), true))
      for (const word of token.match(WORD) ?? []) if (!lexemes.has(word)) add(word.slice(0, 100));
    // A gap, so that no phrase runs from one part into the next.
    base += chars.length + 2;
  }
  return [...lexemes]
    .map(([lexeme, pos]) => (pos.size ? `${quote(lexeme)}:${[...pos].sort((a, b) => a - b).join(",")}` : quote(lexeme)))
    .join(" ");
}

/** The value for a `search` column, from the row's searchable texts: `set({ …, search: searchText(name, shortName) })`. */
export function searchText(...parts: (string | null | undefined)[]): SQL {
  return sql`${searchVector(...parts)}::tsvector`;
}

/** The tsquery text for what the user typed, or null when it holds no letter or digit. */
export function searchTsquery(q: string): string | null {
  const terms: string[] = [];
  let budget = MAX_QUERY_LEXEMES;
  for (const word of normalize(q).match(WORD) ?? []) {
    // A word mixes Han and other runs (iso9001认证): each run is a term of its own.
    for (const run of word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (budget <= 0) break;
      if (!HAN.test(run)) {
        terms.push(`${quote(run.slice(0, 100))}:*`);
        budget--;
        continue;
      }
      const chars = Array.from(run).slice(0, budget + 1);
      if (chars.length <= 2) terms.push(quote(chars.join("")));
      else
        terms.push(
          `(${chars
            .slice(1)
            .map((c, i) => quote(chars[i] + c))
            .join(" <-> ")})`,
        );
      budget -= Math.max(1, chars.length - 1);
    }
  }
  return terms.length ? terms.join(" & ") : null;
}

/**
 * The WHERE condition "this row's `search` vector matches q". A query without any letter or digit
 * (only punctuation) matches nothing.
 */
export function searchQuery(column: Column, q: string): SQL {
  const tsq = searchTsquery(q);
  return tsq === null ? sql`false` : sql`${column} @@ ${tsq}::tsquery`;
}

/**
 * Fills `search` for rows that have none (rows written before the column existed, or by a tool that
 * bypassed the module's writers), in batches. Returns the number of rows filled.
 */
export async function backfillSearch<T extends PgTable>(
  db: Queryable,
  spec: {
    table: T;
    id: PgColumn;
    search: PgColumn;
    /** The columns whose texts go into the vector, in order. */
    texts: PgColumn[];
    batch?: number;
  },
): Promise<number> {
  const batch = spec.batch ?? 500;
  let filled = 0;
  for (;;) {
    const res = await db.execute<{ id: string; texts: (string | string[] | null)[] }>(
      sql`SELECT ${spec.id} AS id, ARRAY[${sql.join(
        spec.texts.map((c) => (c.dataType === "array" ? sql`array_to_string(${c}, ' ')` : sql`${c}::text`)),
        sql`, `,
      )}] AS texts FROM ${spec.table} WHERE ${spec.search} IS NULL ORDER BY ${spec.id} LIMIT ${batch}`,
    );
    if (!res.rows.length) return filled;
    const values = sql.join(
      res.rows.map(
        (r) => sql`(${r.id}::${sql.raw(spec.id.getSQLType())}, ${searchVector(...(r.texts as string[]))}::tsvector)`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`UPDATE ${spec.table} SET ${sql.identifier(spec.search.name)} = v.search FROM (VALUES ${values}) AS v(id, search) WHERE ${spec.id} = v.id`,
    );
    filled += res.rows.length;
  }
}
