import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'access:isPublic';

/** Marks a route as open to the public: no API key needed (health, docs, public feeds). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
