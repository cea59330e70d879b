// Topics are recomputed as a whole: the old Topic nodes and their ABOUT edges go first.
MATCH (t:Topic)
DETACH DELETE t
