// npm run bench: how fast koe/scoring (the built dist/scoring.js) scores, compared in the same run
// with a hand-written loop over the same data. Not a test: numbers vary by machine; the ratio is
// what docs/budgets.md budgets (nps ≥ 0.7× the hand loop, goal ≥ 0.9×).
import { createNpsAccumulator, nps } from '../dist/scoring.js'

const N = 10_000_000
const ROUNDS = 7

/** Deterministic scores 0..10 (a 32-bit LCG), the same on every run. */
function makeScores(n) {
  const scores = new Uint8Array(n)
  let seed = 20261123
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    scores[i] = seed % 11
  }
  return scores
}

/** What a developer would write by hand: count each score, no validation. */
function handLoop(scores) {
  const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  for (let i = 0; i < scores.length; i++) counts[scores[i]]++
  let detractors = 0
  for (let s = 0; s <= 6; s++) detractors += counts[s]
  const promoters = counts[9] + counts[10]
  return (100 * (promoters - detractors)) / scores.length
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const time = (run) => {
  const start = performance.now()
  const result = run()
  return [performance.now() - start, result]
}

const scores = makeScores(N)
const hand = []
const lib = []
for (let round = 0; round < ROUNDS + 1; round++) {
  // Interleaved, so drift in machine speed affects both alike; round 0 is warm-up.
  const [tHand, handScore] = time(() => handLoop(scores))
  const [tLib, result] = time(() => nps(scores))
  if (Math.abs(result.score - handScore) > 1e-9) throw new Error('nps and the hand loop disagree')
  if (round > 0) {
    hand.push(tHand)
    lib.push(tLib)
  }
}
const ratio = median(hand) / median(lib)
console.log(`nps() over ${N.toLocaleString('en')} scores (Uint8Array), median of ${ROUNDS}:`)
console.log(`  hand-written loop  ${median(hand).toFixed(1)} ms`)
console.log(`  nps()              ${median(lib).toFixed(1)} ms (validates every score)`)
console.log(
  `  ratio              ${ratio.toFixed(2)}× the hand loop's speed (budget ≥ 0.70, goal ≥ 0.90)`,
)

const adds = []
for (let round = 0; round < ROUNDS; round++) {
  const accumulator = createNpsAccumulator()
  const [t] = time(() => {
    for (let i = 0; i < N; i++) accumulator.add(scores[i])
  })
  adds.push(t)
}
console.log(`accumulator.add(): ${(((N / median(adds)) * 1000) / 1e6).toFixed(1)} M scores/s`)

const parts = Array.from({ length: 1000 }, (_, i) => {
  const part = createNpsAccumulator()
  part.addAll(scores.subarray(i * 100, i * 100 + 100))
  return part
})
const merges = []
for (let round = 0; round < ROUNDS; round++) {
  const [t] = time(() => {
    for (let r = 0; r < 100; r++) {
      const total = createNpsAccumulator()
      for (const part of parts) total.merge(part)
    }
  })
  merges.push(t)
}
console.log(
  `accumulator.merge(): ${(((100_000 / median(merges)) * 1000) / 1e6).toFixed(2)} M merges/s`,
)
