import { startService } from 'cliengo-fulfillment';
import { ExamplesModule } from './examples/examples.module.js';

// The bundled service: the library's one-call bootstrap with the example handlers and
// dialogs, as a service of your own would start with its modules.
await startService({ handlers: [ExamplesModule] });
