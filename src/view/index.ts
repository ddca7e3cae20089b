// The viewer: a local web app (server.ts) or a static bundle (bundle.ts) over caseforge's outputs.
export { startViewServer, type ViewServer } from './server.js';
export { writeBundle, type BundleResult } from './bundle.js';
export { Catalog } from './catalog.js';
export { normaliseViewOptions, DEFAULTS as VIEW_DEFAULTS, type ViewOptions, type ResolvedViewOptions } from './options.js';
