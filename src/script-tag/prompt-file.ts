// The script tag's prompt (issue 29): `dist/koe.prompt.js`, an ES module beside koe.iife.js that
// the script imports when a survey is first due. Its UI, styles and lifecycle are not on a page
// that shows nothing.
export { createPromptLifecycle as default } from '../core/prompt-lifecycle'
