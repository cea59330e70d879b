// Tests and benchmarks only (Db.wipe): every relationship, before the nodes, in bounded
// transactions: a hub (GPU, KV cache) has tens of thousands of edges, and detaching thousands of
// such nodes in one transaction overflows a small heap. Auto-commit.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS
