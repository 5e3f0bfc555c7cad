import { Injectable } from '@nestjs/common';

/** Whether the service is shutting down: readiness turns 503 so the gateway stops sending. */
@Injectable()
export class LifecycleState {
  #shuttingDown = false;

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  beginShutdown(): void {
    this.#shuttingDown = true;
  }
}
