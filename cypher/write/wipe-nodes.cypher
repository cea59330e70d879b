// Tests and benchmarks only (Db.wipe): every node, once wipe-relationships has left them bare,
// in bounded transactions. Indexes and constraints stay. Auto-commit.
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS
