// The Worker's types reach this build through AppType. These Worker globals appear in them;
// declaring them here, rather than loading all Workers types, keeps the DOM types intact.
type D1Database = import('@cloudflare/workers-types/index.ts').D1Database;
type Fetcher = import('@cloudflare/workers-types/index.ts').Fetcher;
type D1PreparedStatement = import('@cloudflare/workers-types/index.ts').D1PreparedStatement;
type Queue<Body = unknown> = import('@cloudflare/workers-types/index.ts').Queue<Body>;
type D1SessionConstraint = import('@cloudflare/workers-types/index.ts').D1SessionConstraint;
type DurableObjectNamespace = import('@cloudflare/workers-types/index.ts').DurableObjectNamespace;
type MessageBatch<Body = unknown> = import('@cloudflare/workers-types/index.ts').MessageBatch<Body>;
