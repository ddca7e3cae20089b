// The server's public surface: start one, and the shapes it answers with.
export { startServer, type CaseforgeServer } from './server.js';
export { DEFAULTS as SERVE_DEFAULTS, type ServeOptions } from './options.js';
export { ServeError } from './errors.js';
export type { RunCodeRequest, RunCodeResponse, CommandRunResult } from './run_code.js';
export type { ItemResult } from './verify/verify.js';
export { FAMILIES } from './verify/index.js';
