import { Module } from '@nestjs/common';
import { CarModelsHandler } from './car-models.handler.js';
import { MemberDirectory } from './member-directory.service.js';
import { MemberStatusHandler } from './member-status.handler.js';

/**
 * Example handlers. Remove this module from `HandlersModule` and the service still runs:
 * every question is then answered `{}` (pass-through).
 */
@Module({
  providers: [MemberDirectory, CarModelsHandler, MemberStatusHandler],
})
export class ExamplesModule {}
