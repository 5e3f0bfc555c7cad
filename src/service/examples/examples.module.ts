import { Module } from '@nestjs/common';
import { CarModelsHandler } from './car-models.handler.js';
import { CarQuoteDialog } from './car-quote/car-quote.dialog.js';
import { QuoteService } from './car-quote/quote.service.js';
import { DeliveryRescheduleDialog } from './delivery/delivery-reschedule.dialog.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { MemberDirectory } from './member-directory.service.js';
import { MemberStatusHandler } from './member-status.handler.js';

/**
 * Example handlers and dialogs. Remove this module from `HandlersModule` and the service
 * still runs: every question is then answered `{}` (pass-through).
 */
@Module({
  providers: [
    MemberDirectory,
    CarModelsHandler,
    MemberStatusHandler,
    QuoteService,
    CarQuoteDialog,
    DeliveryService,
    DeliveryRescheduleDialog,
  ],
})
export class ExamplesModule {}
