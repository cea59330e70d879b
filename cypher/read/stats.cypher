CALL () { MATCH (p:Paper) WHERE NOT coalesce(p.stub, false) RETURN count(p) AS papers }
CALL () { MATCH (e:Technique) RETURN count(e) AS techniques }
CALL () { MATCH (e:Model) RETURN count(e) AS models }
CALL () { MATCH (e:Dataset) RETURN count(e) AS datasets }
CALL () { MATCH (e:Hardware) RETURN count(e) AS hardware }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN papers, techniques, models, datasets, hardware, relationships
