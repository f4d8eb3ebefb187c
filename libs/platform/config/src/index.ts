export { ConfigError } from './config-error';
export { loadConfig, loadConfigOrExit, type Env } from './load-config';
export { env } from './env-types';
export { z } from 'zod';
