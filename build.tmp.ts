import { buildProduction, SITE_CONFIGS } from './scripts/browser';
await buildProduction(SITE_CONFIGS, '/tmp/site1');
