import { main } from './main.js';

/** The `kubilitics` executable (dist/cli.js). Apart from main.ts so that importing `main` never runs it. */
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`kubilitics: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
