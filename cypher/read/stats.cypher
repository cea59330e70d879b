// Counts from the count store (labels, relationship types), stubs through the paper_stub index.
// relationships leaves out the derived MENTIONS edges (one per paper and entity it mentions).
CALL () { MATCH (p:Paper) RETURN count(p) AS everything }
CALL () { MATCH (p:Paper) WHERE p.stub = true RETURN count(p) AS stubs }
CALL () { MATCH (e:Technique) RETURN count(e) AS techniques }
CALL () { MATCH (e:Model) RETURN count(e) AS models }
CALL () { MATCH (e:Dataset) RETURN count(e) AS datasets }
CALL () { MATCH (e:Hardware) RETURN count(e) AS hardware }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
RETURN everything - stubs AS papers, techniques, models, datasets, hardware, relationships - mentions AS relationships
