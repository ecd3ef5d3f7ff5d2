# Materialise the lineage short-cut ag:successorOf from the change events.
# Run by the loader after the Turtle files are read; never edit ag:successorOf by hand.
INSERT { ?resulting ag:successorOf ?original }
WHERE {
  ?change a ?kind ;
          org:resultingOrganization ?resulting .
  VALUES ?kind { ag:Merger ag:Split ag:Rename ag:Absorption }
  { ?change org:originalOrganization ?original }
  UNION
  { ?change ag:contributingOrganization ?original }
  FILTER (?resulting != ?original)
}
