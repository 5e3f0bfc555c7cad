import { startService } from './bootstrap.js';
import { HandlersModule } from './handlers/handlers.module.js';

await startService({ handlers: [HandlersModule] });
