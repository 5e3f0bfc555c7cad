import { Module } from '@nestjs/common';
import { ExamplesModule } from './examples/examples.module.js';

/**
 * Your handlers go here: import the modules that provide them. Any provider decorated with
 * `@QuestionHandler(...)` or `@FallbackHandler()`, in any imported module, is found at boot.
 */
@Module({
  imports: [ExamplesModule],
})
export class HandlersModule {}
