// Types `env` and `exports` from cloudflare:workers (and cloudflare:test) by this project's Worker.
import type { Bindings } from './env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
    }
  }
}
