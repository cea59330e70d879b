// Before topics are recomputed: every ABOUT edge, in batches (a million papers' memberships would
// not fit one transaction in a small heap). Auto-commit.
MATCH (:Paper)-[a:ABOUT]->(:Topic)
CALL (a) { DELETE a } IN TRANSACTIONS OF 20000 ROWS
