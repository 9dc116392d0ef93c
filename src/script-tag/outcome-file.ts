// The maker of outcome records: `dist/koe.outcome.js`, an ES module beside koe.iife.js that the
// script imports when the page first calls `koe('outcome', …)` or tracks an event its config maps
// to an outcome (issue 30). A page that records none never loads it.
export { outcomeRecord as default } from '../core/outcome-record'
