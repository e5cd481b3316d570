import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { Page } from '../read-store/read-store.port.js';

/** `?cursor=…&limit=…` of every collection query. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the `next` link of the previous page' })
  @IsOptional() @IsString() @Length(1, 2000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

/** A page as the API answers it: the items and the link to the next page (null on the last). */
export type PageResponse<T> = { items: T[]; next: string | null };

export const toPageResponse = <T>(page: Page<T>, request: FastifyRequest): PageResponse<T> => {
  if (!page.nextCursor) return { items: page.items, next: null };
  const url = new URL(request.url, 'http://local');
  url.searchParams.set('cursor', page.nextCursor);
  return { items: page.items, next: `${url.pathname}${url.search}` };
};
