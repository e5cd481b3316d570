import { ApiProperty } from '@nestjs/swagger';

/** What every command answers (201 when it created the aggregate, 200 otherwise). */
export class CommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the aggregate the command acted on' })
  id!: string;

  @ApiProperty({ example: 'administrativeUnit-0190f3c2-7a4e-7c1a-9b1e-2a3c4d5e6f70' })
  streamId!: string;

  @ApiProperty({ type: String, nullable: true, example: '3', description: 'Stream revision after the command (also the ETag)' })
  revision!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '1042', description: 'Global log position of the stream’s last event' })
  position!: string | null;

  @ApiProperty({ example: 1, description: 'Events appended by this command; 0 when it changed nothing' })
  eventsAppended!: number;
}
