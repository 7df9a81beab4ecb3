// Gives Dexie an IndexedDB in Node. Each test opens its own database name, so tests never share state.
import 'fake-indexeddb/auto';
