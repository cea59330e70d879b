// Topics are recomputed as a whole: the old Topic nodes go once their ABOUT edges are gone.
MATCH (t:Topic)
DETACH DELETE t
