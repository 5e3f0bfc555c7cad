import { Injectable, type PipeTransform } from '@nestjs/common';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import { InvalidRequestException } from './invalid-request.exception.js';

/** Parses the question id of a per-question URL: digits only, a safe integer. */
@Injectable()
export class QuestionIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id) || id > CONTRACT_LIMITS.questionId) {
      throw new InvalidRequestException('The question id in the URL is not valid', {
        questionId: ['questionId must be a non-negative integer'],
      });
    }
    return id;
  }
}
