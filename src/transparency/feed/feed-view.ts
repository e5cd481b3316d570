import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const FEED_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof FEED_LANGUAGES)[number];

/** `?after=` (oldest first, to follow the feed), or `?before=` / nothing (newest first); `lang` of the titles. */
export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'Log position: entries published after it, oldest first (follow the `next` link to keep up)' })
  @IsOptional() @Matches(/^\d{1,19}$/)
  after?: string;

  @ApiPropertyOptional({ description: 'Log position: entries published before it, newest first' })
  @IsOptional() @Matches(/^\d{1,19}$/)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ enum: FEED_LANGUAGES, default: 'ru' })
  @IsOptional() @IsIn(FEED_LANGUAGES)
  lang?: Language;
}

/** The live stream: resume after `lastEventId` (or the Last-Event-ID header); `until=caught-up` ends it at the head. */
export class FeedStreamQueryDto {
  @ApiPropertyOptional({ description: 'Resume after this log position (the Last-Event-ID header takes precedence)' })
  @IsOptional() @Matches(/^\d{1,19}$/)
  lastEventId?: string;

  @ApiPropertyOptional({ enum: ['caught-up'], description: 'End the stream once it has caught up (a snapshot)' })
  @IsOptional() @IsIn(['caught-up'])
  until?: 'caught-up';

  @ApiPropertyOptional({ enum: FEED_LANGUAGES, default: 'ru' })
  @IsOptional() @IsIn(FEED_LANGUAGES)
  lang?: Language;
}
