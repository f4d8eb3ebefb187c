import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { QA_DECISIONS, type QaDecision } from '../domain/qa-case-rules';

export class QaDecisionDto {
  /** release: sellable again; discard: written off (qa-discard in the stock ledger). */
  @IsIn(QA_DECISIONS) decision!: QaDecision;
  /** Why, as QA assessed it (probe readings, appearance): kept with the decision. */
  @IsString() @MinLength(3) @MaxLength(255) reason!: string;
}

export class QaCaseQueryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
}
