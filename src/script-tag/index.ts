// The script-tag bundle (dist/koe.iife.js): the only entry with a side effect, booting window.koe.
import { installGlobal } from './install-global'

if (typeof window !== 'undefined') installGlobal(window as Parameters<typeof installGlobal>[0])
