// Imported first by bench/api.ts: the API is measured as it is deployed (the Dockerfile sets
// NODE_ENV=production). graphql-js reads NODE_ENV once, when it is loaded, and outside production
// runs a slower instanceof that checks for duplicate copies of itself on every type test.
process.env.NODE_ENV = "production";
