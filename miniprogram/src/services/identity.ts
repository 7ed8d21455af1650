import { identityApi } from '@shared/api/identity';
import { createClient } from './client';

export const identityClient = createClient('identity', identityApi);
