import { startService } from 'cliengo-fulfillment';
import { ExamplesModule } from './examples/examples.module.js';

// The bundled service: the library's one-call bootstrap with the example handlers and
// dialogs, as a service of your own would start with its modules. A `.env` file in the
// working directory, when there is one, fills in what the environment does not set.
await startService({ handlers: [ExamplesModule], envFile: '.env' });
