import { createRequire } from 'node:module';

interface PackageJson {
  version: string;
  license: string;
}

// Read at run time from the package.json next to the compiled files' folder: this
// repository's (from src/ or dist/), the installed package's (node_modules/cliengo-fulfillment),
// or the image's (/app/package.json, copied there beside dist/).
const packageJson = createRequire(import.meta.url)('../package.json') as PackageJson;

/** The service's version: package.json's, as the health answer, the metrics and the spec say it. */
export const PACKAGE_VERSION: string = packageJson.version;

/** The package's licence (SPDX id), as the spec says it. */
export const PACKAGE_LICENSE: string = packageJson.license;
