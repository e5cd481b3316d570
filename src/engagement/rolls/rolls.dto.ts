import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '../../shared/http/validators.js';

export class CompileRollDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  rollId!: string;

  @ApiProperty({ format: 'uuid', description: 'The unit whose active residents (and those of the units below it) are listed' })
  @IsUUID()
  scopeUnitId!: string;

  @ApiProperty({ format: 'date', example: '2019-06-01', description: 'Residents registered on or before this day, adult by birth band in its year' })
  @IsCalendarDate()
  cutoffDate!: string;
}

export class RollEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The resident (pseudonymous id of the residents register)' })
  @IsUUID()
  residentId!: string;

  @ApiProperty({ example: 'Claim: moved to the aul in May 2019, registered at the akimat', minLength: 3, maxLength: 1000, description: 'Why the entry is claimed or challenged' })
  @IsString() @Length(3, 1000)
  reason!: string;
}

/** An eligibility roll: its size, status and hash, never the residents on it. */
export class RollViewDto {
  @ApiProperty({ format: 'uuid' }) rollId!: string;
  @ApiProperty({ format: 'uuid' }) scopeUnitId!: string;
  @ApiProperty({ format: 'date' }) cutoffDate!: string;
  @ApiProperty({ description: 'The eligibility policy the roll was compiled under' }) criteria!: string;
  @ApiProperty({ enum: ['COMPILED', 'FROZEN'] }) status!: string;
  @ApiProperty({ description: 'Residents on the roll now' }) size!: number;
  @ApiProperty({ description: 'Residents listed at compilation' }) compiledSize!: number;
  @ApiProperty({ description: 'Entries added on claim' }) claimsAdded!: number;
  @ApiProperty({ description: 'Entries removed on challenge' }) challengesUpheld!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Hex SHA-256 of the sorted resident ids joined by "\\n", once frozen' }) hash!: string | null;
  @ApiProperty({ format: 'date-time' }) compiledAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) frozenAt!: string | null;
  @ApiProperty({ example: '3', description: 'Stream revision (also the ETag)' }) revision!: string;
  @ApiProperty({ example: '1042' }) position!: string;
}
