import type { Principal } from '../../identity/identity.models.ts';
import type { Services } from '../services.ts';

export type AppEnv = {
  Variables: {
    services: Services;
    principal: Principal | null;
    requestId: string;
  };
};
