// Reads the admin usage and cost reports with the official Anthropic TypeScript SDK, every page through the
// SDK's own cursor pagination (ReportPageCursor: next_page -> page), authenticated as the SDK authenticates an
// API key. Prints one JSON object: the pages read, the buckets, the usage sums and the cost amounts as given
// (decimal strings; the Java test sums them exactly), and the credential headers the SDK sent.
import Anthropic from '@anthropic-ai/sdk';
import { ReportPageCursor } from '@anthropic-ai/sdk/core/pagination';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const sent = new Set();
const client = new Anthropic({
  apiKey: env('ADMIN_KEY'),
  baseURL: env('BASE_URL'),
  maxRetries: 0,
  fetch: (url, init) => {
    const headers = new Headers(init?.headers);
    if (headers.has('x-api-key')) sent.add('x-api-key');
    const auth = headers.get('authorization');
    if (auth) sent.add(auth.startsWith('Bearer sk-admin-') ? 'bearer-admin-key' : 'authorization-other');
    return fetch(url, init);
  },
});

async function readAll(path, query, onBucket) {
  let pages = 0;
  let buckets = [];
  const first = await client.getAPIList(path, ReportPageCursor, { query });
  for await (const page of first.iterPages()) {
    pages += 1;
    for (const bucket of page.getPaginatedItems()) {
      buckets.push(bucket.starting_at);
      onBucket(bucket);
    }
  }
  return { pages, buckets };
}

const window = { starting_at: env('STARTING_AT'), ending_at: env('ENDING_AT') };
const usage = {
  uncached_input_tokens: 0,
  cache_read_input_tokens: 0,
  ephemeral_5m_input_tokens: 0,
  output_tokens: 0,
  web_search_requests: 0,
  results: 0,
};
const usageRead = await readAll(
  '/v1/organizations/usage_report/messages',
  { ...window, bucket_width: '1h', limit: 5, group_by: ['model', 'workspace_id'] },
  (bucket) => {
    for (const r of bucket.results) {
      usage.uncached_input_tokens += r.uncached_input_tokens;
      usage.cache_read_input_tokens += r.cache_read_input_tokens;
      usage.ephemeral_5m_input_tokens += r.cache_creation.ephemeral_5m_input_tokens;
      usage.output_tokens += r.output_tokens;
      usage.web_search_requests += r.server_tool_use.web_search_requests;
      usage.results += 1;
    }
  },
);

const amounts = [];
const costRead = await readAll(
  '/v1/organizations/cost_report',
  { ...window, limit: 1, group_by: ['workspace_id', 'description'] },
  (bucket) => {
    for (const r of bucket.results) amounts.push(r.amount);
  },
);

console.log(
  JSON.stringify({
    sdk_version: (await import('@anthropic-ai/sdk/version')).VERSION,
    credentials: [...sent].sort(),
    usage: { pages: usageRead.pages, buckets: usageRead.buckets, ...usage },
    cost: { pages: costRead.pages, buckets: costRead.buckets, amounts },
  }),
);
