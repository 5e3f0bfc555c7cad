import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ADMISSION_OPTIONS, type AdmissionOptions } from './admission.options.js';
import { WebhookAdmission } from './webhook-admission.js';

/** Admission of webhook calls: load shedding and the calls in flight. */
@Global()
@Module({})
export class AdmissionModule {
  static forRoot(options: AdmissionOptions): DynamicModule {
    return {
      module: AdmissionModule,
      providers: [{ provide: ADMISSION_OPTIONS, useValue: options }, WebhookAdmission],
      exports: [WebhookAdmission],
    };
  }
}
