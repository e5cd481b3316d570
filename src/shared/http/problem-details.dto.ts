import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'katoCode.code' }) path!: string;
  @ApiProperty({ example: 'must be 9 digits' }) message!: string;
}

/** RFC 9457 problem details (application/problem+json). */
export class ProblemDetailsDto {
  @ApiProperty({ example: '/problems/validation-failed', description: 'Stable URI reference naming the kind of problem' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: '1 field error(s): level: level must be one of the following values: REGION, …' }) detail!: string;
  @ApiPropertyOptional({ example: '/units' }) instance?: string;
  @ApiPropertyOptional({ description: 'Id of the request, as in the logs and the x-request-id header' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
