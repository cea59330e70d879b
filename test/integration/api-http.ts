// A real HTTP client for the API tests: POST JSON to /graphql like any client would.
export interface GqlResponse {
  status: number;
  body: any;
}

export async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<GqlResponse> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body };
}

export function gqlClient(url: string) {
  return (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>, operationName?: string) =>
    post(url, { query, variables, operationName }, headers);
}

/** The answer's data, expecting it to carry no errors (a failed expectation shows them). */
export function dataOf(r: GqlResponse): any {
  expect(r.body.errors).toBeUndefined();
  return r.body.data;
}

export function codes(r: GqlResponse): string[] {
  return (r.body.errors ?? []).map((e: any) => e.extensions?.code);
}
