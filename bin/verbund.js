#!/usr/bin/env node
// The `verbund` command. TypeScript runs directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
