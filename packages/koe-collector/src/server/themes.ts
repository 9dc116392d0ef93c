import type { ScoreGroup } from '../../../../src/config/survey'
import type { Theme } from '../contract/inbox'

export type { Theme } from '../contract/inbox'

/**
 * What the comments say, computed offline: words from `Intl.Segmenter` (so Japanese and Chinese,
 * written without spaces, split too), stop words dropped, and terms and two-word phrases ranked
 * by how much more often unhappy customers use them than happy ones.
 */

/** Words that carry no theme, per language (the first subtag of the comment's locale). */
const STOP_WORDS: Record<string, Set<string>> = {
  en: new Set(
    `a about after again all also am an and any are as at be because been before being but by
     can could did do does doing don't during each even ever every few for from get got had has
     have having he her here him his how i i'm if in into is it it's its just like me more most my
     no nor not now of off on once one only or other our out over own really same she should so
     some such than that the their them then there these they this those through to too under
     until up us very was we were what when where which while who why will with would you your
     it was i've we're they're isn't wasn't didn't can't won't`.split(/\s+/),
  ),
  ja: new Set(
    `が の は を に で と も た て だ な ね よ か し です ます でした ました ません ない ある いる
     する した して これ それ あれ この その あの ここ そこ から まで より ので のに けど けれど
     とても すごく 少し ちょっと また もう まだ こと もの よう ため など さん 私 僕 思い 思う
     思います 感じ でし まし ござい`.split(/\s+/),
  ),
}

/** Languages written without spaces: their phrases are shown joined. */
const NO_SPACES = new Set(['ja', 'zh', 'th'])

const segmenters = new Map<string, Intl.Segmenter>()
function segmenter(language: string): Intl.Segmenter {
  let found = segmenters.get(language)
  if (!found) {
    found = new Intl.Segmenter(language, { granularity: 'word' })
    segmenters.set(language, found)
  }
  return found
}

/**
 * The language a comment is tokenized in: its own script first, then the locale it was asked
 * in (issue 27). A customer on a Japanese page may write in English (split on spaces, English
 * stop words: not "andnobody"), one on an English page in Japanese (Japanese stop words: not
 * "です"). Kana is Japanese; Han without kana is Chinese unless asked in Japanese; Hangul is
 * Korean, Thai is Thai; a comment in none of these scripts is in the locale's language when that
 * is written with spaces, else English.
 */
export function commentLanguage(text: string, locale = 'en'): string {
  const asked = (locale.split('-')[0] ?? 'en').toLowerCase()
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja'
  if (/\p{Script=Han}/u.test(text)) return asked === 'ja' ? 'ja' : 'zh'
  if (/\p{Script=Hangul}/u.test(text)) return 'ko'
  if (/\p{Script=Thai}/u.test(text)) return 'th'
  return NO_SPACES.has(asked) || asked === 'ko' ? 'en' : asked
}

/**
 * The words of a comment in `language` worth counting, in order, lower case; `null` marks a
 * dropped word.
 */
function words(text: string, language: string): (string | null)[] {
  const stop = STOP_WORDS[language] ?? STOP_WORDS.en
  const out: (string | null)[] = []
  for (const part of segmenter(language).segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) continue
    const word = part.segment.toLowerCase()
    const kept =
      !stop?.has(word) &&
      !/^\p{N}+$/u.test(word) &&
      // One kana or one Latin letter says nothing; one kanji may (味, 色).
      !(word.length === 1 && /[\p{Script=Hiragana}\p{Script=Katakana}a-z]/u.test(word))
    out.push(kept ? word : null)
  }
  return out
}

/**
 * The terms of a comment, once each: its words (`false`) and the phrases of two neighbouring
 * kept words (`true`). A dropped word between two kept ones joins them: 配送が遅い gives 配送遅い,
 * "slow to arrive" gives "slow arrive".
 */
export function terms(text: string, locale = 'en'): Map<string, boolean> {
  // The language is told once per comment: it picks the words and how a phrase joins them.
  const language = commentLanguage(text, locale)
  const joiner = NO_SPACES.has(language) ? '' : ' '
  const found = new Map<string, boolean>()
  let previous: string | null = null
  for (const word of words(text, language)) {
    if (word === null) continue
    if (!found.has(word)) found.set(word, false)
    if (previous && previous !== word) found.set(`${previous}${joiner}${word}`, true)
    previous = word
  }
  return found
}

/** A comment as ranking needs it. */
export interface CommentForThemes {
  comment: string
  locale?: string
  group: ScoreGroup
}

const NEGATIVE = new Set<ScoreGroup>(['detractor', 'hard'])
const POSITIVE = new Set<ScoreGroup>(['promoter', 'easy'])

/** Characters of a comment read for themes: its start says what it is about (issue 27). */
export const THEME_CHARS = 1_000

/**
 * Counts the terms of comments one at a time, then ranks them: {@link rankThemes} in one go,
 * {@link rankThemesYielding} with pauses for the event loop.
 */
function createThemeCounter() {
  const counts = new Map<string, { negative: number; positive: number }>()
  const phrases = new Set<string>()
  let negatives = 0
  let positives = 0
  return {
    add({ comment, locale, group }: CommentForThemes) {
      const side = NEGATIVE.has(group) ? 'negative' : POSITIVE.has(group) ? 'positive' : null
      if (!side) return
      if (side === 'negative') negatives++
      else positives++
      for (const [term, phrase] of terms(comment.slice(0, THEME_CHARS), locale)) {
        if (phrase) phrases.add(term)
        const count = counts.get(term) ?? { negative: 0, positive: 0 }
        count[side]++
        counts.set(term, count)
      }
    },
    rank(limit: number): RankedThemes {
      const logit = (y: number, n: number) => Math.log((y + 0.5) / (n - y + 0.5))
      const scored: Theme[] = [...counts].map(([term, c]) => {
        const delta = logit(c.negative, negatives) - logit(c.positive, positives)
        const variance =
          1 / (c.negative + 0.5) +
          1 / (negatives - c.negative + 0.5) +
          1 / (c.positive + 0.5) +
          1 / (positives - c.positive + 0.5)
        return { term, ...c, z: delta / Math.sqrt(variance) }
      })
      const pick = (side: 'negative' | 'positive') => {
        const sign = side === 'negative' ? 1 : -1
        const ranked = scored
          .filter((t) => t[side] >= 2 && sign * t.z > 0)
          .sort((a, b) => sign * (b.z - a.z) || b[side] - a[side] || (a.term < b.term ? -1 : 1))
        const listedPhrases = ranked.filter((t) => phrases.has(t.term))
        const kept = ranked.filter(
          (t) =>
            phrases.has(t.term) ||
            !listedPhrases.some((p) => p[side] === t[side] && p.term.includes(t.term)),
        )
        return kept.slice(0, limit).map((t) => ({ ...t, z: Math.round(t.z * 100) / 100 }))
      }
      return {
        negative: pick('negative'),
        positive: pick('positive'),
        comments: { negative: negatives, positive: positives },
      }
    },
  }
}

/** Themes of each side, and how many comments each side had. */
export interface RankedThemes {
  negative: Theme[]
  positive: Theme[]
  comments: { negative: number; positive: number }
}

/**
 * The themes that set unhappy customers' comments apart from happy ones' (`negative`), and the
 * reverse (`positive`), each at most `limit`, strongest first. A term needs two comments on its
 * side. A word that only ever appears inside one of the listed phrases is left out for the phrase.
 * Each comment is read up to {@link THEME_CHARS} characters.
 */
export function rankThemes(comments: Iterable<CommentForThemes>, limit = 10): RankedThemes {
  const counter = createThemeCounter()
  for (const comment of comments) counter.add(comment)
  return counter.rank(limit)
}

/** Comments tokenized between two pauses of {@link rankThemesYielding}, at most. */
export const THEME_SLICE = 200

/**
 * {@link rankThemes} for the server: it pauses for the event loop (`setImmediate`) after every
 * {@link THEME_SLICE} comments, so that ranking 20,000 long comments never holds back ingest or
 * another request for more than a slice (issue 27: it blocked the loop 7.6 s per call).
 */
export async function rankThemesYielding(
  comments: readonly CommentForThemes[],
  limit = 10,
): Promise<RankedThemes> {
  const counter = createThemeCounter()
  for (let at = 0; at < comments.length; at += THEME_SLICE) {
    for (const comment of comments.slice(at, at + THEME_SLICE)) counter.add(comment)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return counter.rank(limit)
}

/**
 * An SQL `ILIKE` pattern that finds comments using a theme: its words in order, anything between
 * them (the particle of 配送が遅い, or none).
 */
export function themePattern(theme: string, locale = 'en'): string {
  const parts = [...segmenter((locale.split('-')[0] ?? 'en').toLowerCase()).segment(theme)]
    .filter((p) => p.isWordLike)
    .map((p) => p.segment.replace(/[\\%_]/g, (c) => `\\${c}`))
  return `%${parts.join('%')}%`
}
