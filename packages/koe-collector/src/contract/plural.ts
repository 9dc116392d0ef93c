// How a count reads in English (issue 33): the dashboard's pages and the digests' texts say it alike.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
/** A count with its noun in English, singular for one: "1 answer", "2 answers", "1,200 answers". */
export const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`
