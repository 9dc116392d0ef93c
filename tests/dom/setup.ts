// Unit tests run on an in-memory IndexedDB; real IndexedDB is tested in Chromium (tests/browser).
import 'fake-indexeddb/auto'
