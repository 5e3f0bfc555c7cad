import { type DynamicModule, Global, type InjectionToken, Module } from '@nestjs/common';
import { ADMISSION_OPTIONS, type AdmissionOptions } from './admission.options.js';
import { WebhookAdmission } from './webhook-admission.js';

/** Admission of webhook calls: load shedding and the calls in flight. */
@Global()
@Module({})
export class AdmissionModule {
  static forRoot(options: AdmissionOptions): DynamicModule {
    return AdmissionModule.forRootAsync({ useFactory: () => options });
  }

  /** Admission with options made at boot by a factory. */
  static forRootAsync(options: {
    inject?: InjectionToken[];
    useFactory: (...args: never[]) => AdmissionOptions;
  }): DynamicModule {
    return {
      module: AdmissionModule,
      providers: [
        {
          provide: ADMISSION_OPTIONS,
          useFactory: options.useFactory as (...args: unknown[]) => AdmissionOptions,
          inject: options.inject ?? [],
        },
        WebhookAdmission,
      ],
      exports: [WebhookAdmission],
    };
  }
}
