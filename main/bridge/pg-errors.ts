// executor.ts (being rewritten on another branch) still imports the mapper from here; it lives in db/.
export { isConnectionFailure, toZavaError } from '../db/pg-errors.ts';
