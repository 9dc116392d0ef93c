// How a count reads in English in the digests' texts (issue 33). The dashboard's pages count with
// i18n's tn(), in English and Japanese, and write an English count the same way.
/** A count with its noun in English, singular for one: "1 answer", "2 answers", "1,200 answers". */
export const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`
